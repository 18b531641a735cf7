package org.alloc4j.training.cli;

import com.google.gson.GsonBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.alloc4j.envs.Environment;
import org.alloc4j.envs.EnvironmentRegistry;
import org.alloc4j.training.bench.Benchmark;
import org.alloc4j.training.evaluate.ResultWriters;
import org.alloc4j.training.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code alloc4j bench}: learned policy against the baselines, timed side by side in one process. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time the learned policy (batch 1 and batch 1000) and the baselines on the same instances, "
                + "training throughput and memory; writes bench.json and bench-details.json to --out.")
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--env", required = true, description = "Environment preset id.")
    String envId;

    @Option(names = "--policy", description = "Trained run directory or checkpoint; default: networks initialised from --seed.")
    Path policy;

    @Option(names = "--power-dbm", description = "Power [dBm] (default: ${DEFAULT-VALUE}).")
    double powerDbm = 20;

    @Option(names = "--seed", description = "Seed of the instances (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--batch", description = "Instances of the throughput measurement (default: ${DEFAULT-VALUE}).")
    int batch = 1000;

    @Option(names = "--repeats", description = "Rounds of the timing; each round times the learned method (batch "
            + "and a share of the batch-1 calls), then every baseline, so all share the machine's speed (default: ${DEFAULT-VALUE}).")
    int repeats = 9;

    @Option(names = "--memory-calls", description = "Batch-1 decode calls of the memory check (default: ${DEFAULT-VALUE}).")
    int memoryCalls = 10_000;

    @Option(names = "--width", description = "Hidden size d of a policy initialised from --seed (no --policy; "
            + "default: ${DEFAULT-VALUE}).")
    int width = 64;

    @Option(names = "--warm-up-seconds", description = "Least time each timed method runs before it is timed [s] "
            + "(default: ${DEFAULT-VALUE}).")
    double warmUpSeconds = 10;

    @Option(names = "--out", required = true, description = "Output directory.")
    Path out;

    @Override
    public Integer call() throws Exception {
        requireAtLeast("--batch", batch, 1);
        requireAtLeast("--repeats", repeats, 1);
        requireAtLeast("--memory-calls", memoryCalls, 0);
        requireAtLeast("--width", width, 1);
        if (!(warmUpSeconds >= 0 && warmUpSeconds <= 3600)) {
            throw new IllegalArgumentException("--warm-up-seconds = " + warmUpSeconds + " is outside the allowed range [0, 3600]");
        }
        Environment<?> env = EnvironmentRegistry.load().create(envId);
        Path file = policy == null ? null : Files.isDirectory(policy) ? policy.resolve(LearnedPolicies.BEST) : policy;
        Benchmark.Config c = new Benchmark.Config(envId, powerDbm, seed, batch, 200, repeats, 200, 5, memoryCalls, width, warmUpSeconds);
        Map<String, Object> all = Benchmark.run(env, c, file, System.out);
        Map<String, Object> main = new LinkedHashMap<>(all);
        Object details = main.remove("details");
        Files.createDirectories(out);
        var gson = new GsonBuilder().setPrettyPrinting().create();
        AtomicFiles.writeString(out.resolve("bench.json"), gson.toJson(ResultWriters.toJson(main)) + "\n");
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("config", Map.of("env", envId, "policy", String.valueOf(policy), "power_dbm", powerDbm, "seed", seed,
                "batch", batch, "repeats", repeats, "memory_calls", memoryCalls, "width", width,
                "warm_up_seconds", warmUpSeconds));
        d.put("details", details);
        AtomicFiles.writeString(out.resolve("bench-details.json"), gson.toJson(gson.toJsonTree(d)) + "\n");
        System.out.println();
        for (Map.Entry<String, Object> e : main.entrySet()) {
            Object v = e.getValue();
            System.out.printf(Locale.ROOT, "%-36s %s%n", e.getKey(), v instanceof Double x ? String.format(Locale.ROOT, "%.4f", x) : v);
        }
        System.out.println("\nwrote " + out.resolve("bench.json") + " and bench-details.json");
        return 0;
    }

    private static void requireAtLeast(String option, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(option + " = " + value + " is outside the allowed range [" + min + ", "
                    + Integer.MAX_VALUE + "]");
        }
    }
}
