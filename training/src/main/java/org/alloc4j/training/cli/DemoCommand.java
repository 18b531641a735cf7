package org.alloc4j.training.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.alloc4j.training.train.TrainingConfig;
import org.alloc4j.training.train.TrainingRun;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code alloc4j demo}: the main job. Trains a policy on {@code cell-free-tiny-v1} for a short, fixed
 * budget (power drawn per instance in 0…30 dBm, so one policy serves the whole sweep), then evaluates
 * it beside the classical baselines and the exhaustive optimum on a seeded test set.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Train on cell-free-tiny-v1 for a fixed budget (about 3 minutes on 2 cores), then evaluate against "
                + "the baselines and the exhaustive optimum; writes the run, the table, CSV/JSON and plots to --out.")
public final class DemoCommand implements Callable<Integer> {
    static final String ENV = "cell-free-tiny-v1";

    @Option(names = "--out", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("out", "demo");

    @Option(names = "--seed", description = "Seed of training and of the test set (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--epochs", description = "Training epochs of 25 steps (default: ${DEFAULT-VALUE}).")
    int epochs = 20;

    @Option(names = "--instances", description = "Test instances per power level (default: ${DEFAULT-VALUE}).")
    int instances = 100;

    /** The demo's training configuration. */
    static TrainingConfig config(long seed, int epochs) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("seed", Long.toString(seed));
        f.put("epochs", Integer.toString(epochs));
        f.put("stepsPerEpoch", "25");
        f.put("batchSize", "128");
        f.put("powerMinDbm", "0");
        f.put("powerMaxDbm", "30");
        f.put("learningRateDvln", "3e-4");
        f.put("learningRateCvln", "1e-3");
        f.put("learningRateCritic", "1e-3");
        return TrainingConfig.defaults(ENV).with(f);
    }

    @Override
    public Integer call() throws Exception {
        Path run = out.resolve("run");
        System.out.println("== training on " + ENV + " (" + epochs + " epochs x 25 steps, batch 128) into " + run);
        TrainingRun.run(config(seed, epochs), run, false, System.out);
        System.out.println("\n== evaluating on " + instances + " seeded test instances per power level");
        List<String> args = List.of("evaluate", "--env", ENV, "--policy", run.toString(), "--instances",
                Integer.toString(instances), "--power-dbm", "0,10,20,30", "--seed", Long.toString(seed + 1000),
                "--methods", "greedy+wmmse,greedy+przf,random+wmmse,greedy+zf,exhaustive+wmmse,learned+cvln-rzf,"
                        + "learned+cvln,learned+wmmse,greedy+cvln-rzf",
                "--out", out.resolve("evaluation").toString());
        int code = new CommandLine(new Alloc4jCommand()).execute(args.toArray(new String[0]));
        if (code == 0) {
            System.out.println("\ntraining curves: " + run.resolve("training-curves.png") + "; sum rate against power: "
                    + out.resolve("evaluation").resolve("sum-rate-vs-power.png"));
        }
        return code;
    }
}
