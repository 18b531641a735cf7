package org.alloc4j.training.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.alloc4j.baselines.MethodCatalog;
import org.alloc4j.envs.Alloc4j;
import org.alloc4j.envs.Environment;
import org.alloc4j.envs.EnvironmentRegistry;
import org.alloc4j.envs.InvalidConfigurationException;
import org.alloc4j.policy.LearnedMethods;
import org.alloc4j.policy.Policy;
import org.alloc4j.training.evaluate.Evaluator;
import org.alloc4j.training.evaluate.ResultRow;
import org.alloc4j.training.evaluate.ResultWriters;
import org.alloc4j.training.evaluate.SolutionExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code alloc4j evaluate}: every method on the same seeded test instances, at every power level. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Run methods side by side on the same seeded test instances and write results.csv, "
                + "results.json and sum-rate-vs-power.png (and .npz files with --export).")
public final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--env", required = true, description = "Environment preset id (see `alloc4j envs`).")
    String envId;

    @Option(names = "--set", description = "Override an environment parameter, e.g. --set users=8 (repeatable).")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--power-dbm", split = ",", description = "Power levels [dBm] (default: 0,5,...,30).")
    List<Double> powers = new ArrayList<>(List.of(0.0, 5.0, 10.0, 15.0, 20.0, 25.0, 30.0));

    @Option(names = "--methods", split = ",", description = "Methods, <discrete>+<continuous> or joint names "
            + "(default: the paper's baselines for the environment, plus exhaustive+wmmse where it fits its budget).")
    List<String> methods;

    @Option(names = "--instances", description = "Test instances (default: ${DEFAULT-VALUE}).")
    int instances = 1000;

    @Option(names = "--seed", description = "Seed of the test set and of every random method (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--out", required = true, description = "Output directory.")
    Path out;

    @Option(names = "--export", description = "Also write instances-<power>.npz and solutions-<method>-<power>.npz.")
    boolean export;

    @Option(names = "--policy", description = "A trained run directory (uses its checkpoints/best.ckpt) or checkpoint "
            + "file for the learned methods; without it they use networks initialised from --seed.")
    Path policy;

    @Override
    public Integer call() throws IOException {
        if (instances < 1) {
            throw InvalidConfigurationException.of("evaluate", "--instances", instances, "integer >= 1");
        }
        for (double p : powers) {
            if (!Double.isFinite(p) || p < -50 || p > 60) {
                throw InvalidConfigurationException.of("evaluate", "--power-dbm", p, "numbers in [-50, 60]");
            }
        }
        Environment<?> env = EnvironmentRegistry.load().create(envId, overrides);
        if (export && !SolutionExport.supports(env)) {
            throw InvalidConfigurationException.of("evaluate", "--export", envId, "built-in environments only");
        }
        return evaluate(env);
    }

    private <I> int evaluate(Environment<I> env) throws IOException {
        MethodCatalog<I> catalog = MethodCatalog.classical(env);
        List<String> chosen = methods != null ? methods : DefaultMethods.of(catalog, seed);
        boolean learned = policy != null || chosen.stream().anyMatch(LearnedPolicies::isLearnedMethod);
        try (Policy<I> p = learned ? LearnedPolicies.open(env, policy, seed) : null) {
            if (p != null) {
                LearnedMethods.register(catalog, p);
                if (methods == null) {
                    chosen = LearnedPolicies.withLearnedDefaults(chosen, p);
                }
            }
            return evaluate(catalog, chosen);
        }
    }

    private <I> int evaluate(MethodCatalog<I> catalog, List<String> chosen) throws IOException {
        Files.createDirectories(out);
        List<ResultRow> rows = Evaluator.run(envId, catalog, chosen, powers, instances, seed, export ? out : null);
        System.out.println();
        System.out.print(ResultWriters.table(rows));
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("command", "evaluate");
        config.put("library_version", Alloc4j.version());
        config.put("env", envId);
        config.put("env_parameters", catalog.environment().parameters());
        config.put("methods", rows.stream().map(ResultRow::method).distinct().toList());
        config.put("power_dbm", powers);
        config.put("instances", instances);
        config.put("seed", seed);
        config.put("policy", policy == null ? null : policy.toString());
        config.put("created", Instant.now().toString());
        config.put("java", System.getProperty("java.version"));
        ResultWriters.csv(rows, out.resolve("results.csv"));
        ResultWriters.json(rows, config, out.resolve("results.json"));
        ResultWriters.sumRatePlot(rows, envId + " (" + instances + " instances, seed " + seed + ")",
                out.resolve("sum-rate-vs-power.png"));
        System.out.println("\nwrote " + out.resolve("results.csv") + ", results.json, sum-rate-vs-power.png"
                + (export ? " and .npz files" : ""));
        return 0;
    }
}
