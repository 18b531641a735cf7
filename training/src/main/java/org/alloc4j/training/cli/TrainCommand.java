package org.alloc4j.training.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.alloc4j.envs.InvalidConfigurationException;
import org.alloc4j.training.train.TrainingConfig;
import org.alloc4j.training.train.TrainingDivergedException;
import org.alloc4j.training.train.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code alloc4j train}: joint training of a policy (SPEC §5) into a run directory. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the discrete policy, the continuous networks and the critic jointly; writes config.json, "
                + "provenance.json, metrics.csv, checkpoints/ and training-curves.png to --out.")
public final class TrainCommand implements Callable<Integer> {

    @Option(names = "--env", description = "Environment preset id (required unless --resume or --config names one).")
    String env;

    @Option(names = "--config", description = "JSON file with training-configuration fields (see config.json of a run).")
    Path configFile;

    @Option(names = "--set", description = "Override a training-configuration field, e.g. --set batchSize=64 (repeatable).")
    Map<String, String> set = new LinkedHashMap<>();

    @Option(names = "--power-dbm", description = "Training power [dBm].")
    Double powerDbm;

    @Option(names = "--epochs", description = "Epochs to train.")
    Integer epochs;

    @Option(names = "--minutes", description = "Wall-clock budget [min] instead of --epochs.")
    Double minutes;

    @Option(names = "--seed", description = "The run's seed.")
    Long seed;

    @Option(names = "--out", required = true, description = "Run directory.")
    Path out;

    @Option(names = "--resume", description = "Continue the run in --out from its last checkpoint.")
    boolean resume;

    @Override
    public Integer call() throws IOException {
        TrainingConfig config = resume ? resumedConfig() : newConfig();
        try {
            TrainingRun.run(config, out, resume, System.out);
        } catch (TrainingDivergedException e) {
            System.err.println("error: " + e.getMessage() + " (" + out.resolve(TrainingRun.LAST) + ")");
            return 3;
        }
        System.out.println("run written to " + out + " (best checkpoint: " + out.resolve(TrainingRun.BEST) + ")");
        return 0;
    }

    private TrainingConfig newConfig() throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        TrainingConfig base;
        if (configFile != null) {
            base = TrainingRun.fromJson(Files.readString(configFile));
        } else {
            if (env == null) {
                throw new InvalidConfigurationException("train: --env is required (or a --config that names env)");
            }
            base = TrainingConfig.defaults(env);
        }
        if (env != null) {
            fields.put("env", env);
        }
        fields.putAll(set);
        common(fields);
        return base.with(fields);
    }

    private TrainingConfig resumedConfig() throws IOException {
        if (env != null || configFile != null || !set.isEmpty() || powerDbm != null || seed != null) {
            throw new InvalidConfigurationException("train --resume continues the run as configured in "
                    + out.resolve(TrainingRun.CONFIG) + "; only --epochs or --minutes may change");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        common(fields);
        return TrainingRun.readConfig(out).with(fields);
    }

    private void common(Map<String, String> fields) {
        if (powerDbm != null) {
            fields.put("powerDbm", powerDbm.toString());
        }
        if (epochs != null) {
            fields.put("epochs", epochs.toString());
            fields.put("minutes", "0");
        }
        if (minutes != null) {
            fields.put("minutes", minutes.toString());
        }
        if (seed != null) {
            fields.put("seed", seed.toString());
        }
    }
}
