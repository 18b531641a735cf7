package org.alloc4j.training.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.alloc4j.envs.InvalidConfigurationException;
import org.alloc4j.policy.ModelCheckpoint;
import org.alloc4j.training.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingRunTest {
    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    /** A small, fast configuration on the tiny preset. */
    private static TrainingConfig tiny(int epochs) {
        return TrainingConfig.defaults("cell-free-tiny-v1").with(fields("epochs", String.valueOf(epochs),
                "stepsPerEpoch", "8", "batchSize", "32", "width", "16", "encoderLayers", "2", "cvlnLayers", "1",
                "criticLayers", "1", "validationInstances", "40", "learningRateDvln", "1e-3", "learningRateCvln", "1e-3",
                "learningRateCritic", "1e-3"));
    }

    private static Map<String, String> fields(String... keyValues) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    @Test
    void aShortRunImprovesTheValidationSumRateOverTheRandomPolicy(@TempDir Path dir) throws Exception {
        List<EpochMetrics> m = TrainingRun.run(tiny(3), dir, false, QUIET);
        assertThat(m).hasSize(4);
        assertThat(m.get(3).valSumRate()).as("validation after 24 steps vs the untrained policy")
                .isGreaterThan(m.get(0).valSumRate() * 1.2);
        assertThat(m).allSatisfy(e -> assertThat(e.valFeasibleRate()).isEqualTo(1.0));
        for (String f : List.of("config.json", "provenance.json", "metrics.csv", TrainingRun.LAST, TrainingRun.BEST,
                "training-curves.png")) {
            assertThat(dir.resolve(f)).as(f).exists();
        }
        assertThat(Files.readAllLines(dir.resolve("metrics.csv")).get(0)).isEqualTo(EpochMetrics.CSV_HEADER);
        assertThat(TrainingRun.readConfig(dir)).isEqualTo(tiny(3));
    }

    @Test
    void theSharedBaselineOverSamplesOfTheSameInstanceLearnsToo(@TempDir Path dir) throws Exception {
        TrainingConfig shared = tiny(3).with(Map.of("baseline", "shared", "samplesPerInstance", "4"));
        List<EpochMetrics> m = TrainingRun.run(shared, dir, false, QUIET);
        assertThat(m.get(3).valSumRate()).as("validation after 24 steps of 8 instances × 4 samples vs the untrained policy")
                .isGreaterThan(m.get(0).valSumRate() * 1.2);
        assertThat(m).allSatisfy(e -> assertThat(e.valFeasibleRate()).isEqualTo(1.0));
        assertThat(TrainingRun.readConfig(dir)).isEqualTo(shared);
    }

    @Test
    void stoppingAfterEpochTwoAndResumingRepeatsTheUninterruptedRun(@TempDir Path dir) throws Exception {
        Path straight = dir.resolve("straight");
        Path resumed = dir.resolve("resumed");
        TrainingRun.run(tiny(3), straight, false, QUIET);
        TrainingRun.run(tiny(2), resumed, false, QUIET);
        TrainingRun.run(TrainingRun.readConfig(resumed).with(Map.of("epochs", "3")), resumed, true, QUIET);
        List<String> a = Files.readAllLines(straight.resolve("metrics.csv"));
        List<String> b = Files.readAllLines(resumed.resolve("metrics.csv"));
        assertThat(b).hasSize(a.size());
        for (int i = 1; i < a.size(); i++) {
            assertThat(EpochMetrics.withoutTime(b.get(i))).as("metrics row %d", i).isEqualTo(EpochMetrics.withoutTime(a.get(i)));
        }
    }

    @Test
    void aCorruptedCheckpointIsRefusedAndNothingIsOverwritten(@TempDir Path dir) throws Exception {
        TrainingRun.run(tiny(1), dir, false, QUIET);
        Path last = dir.resolve(TrainingRun.LAST);
        byte[] bytes = Files.readAllBytes(last);
        Files.write(last, java.util.Arrays.copyOf(bytes, bytes.length - 100));
        byte[] metrics = Files.readAllBytes(dir.resolve("metrics.csv"));
        byte[] best = Files.readAllBytes(dir.resolve(TrainingRun.BEST));
        assertThatThrownBy(() -> TrainingRun.run(tiny(2), dir, true, QUIET))
                .isInstanceOf(ModelCheckpoint.CheckpointException.class).hasMessageContaining("corrupted or truncated");
        assertThat(Files.readAllBytes(dir.resolve("metrics.csv"))).isEqualTo(metrics);
        assertThat(Files.readAllBytes(dir.resolve(TrainingRun.BEST))).isEqualTo(best);
        assertThat(Files.readAllBytes(last)).hasSize(bytes.length - 100);
    }

    @Test
    void aNonFiniteLossStopsTrainingNamingTheStepAndKeepsTheLastGoodCheckpoint(@TempDir Path dir) throws Exception {
        TrainingRun.run(tiny(1), dir, false, QUIET);
        byte[] good = Files.readAllBytes(dir.resolve(TrainingRun.LAST));
        int[] calls = {0};
        assertThatThrownBy(() -> TrainingRun.run(tiny(3), dir, true, QUIET,
                t -> t.probeLoss(x -> ++calls[0] == 5 ? Double.NaN : x)))
                .isInstanceOf(TrainingDivergedException.class).hasMessageContaining("epoch 2, step 13")
                .hasMessageContaining("policy loss is NaN");
        assertThat(Files.readAllBytes(dir.resolve(TrainingRun.LAST))).as("last good checkpoint").isEqualTo(good);
    }

    @Test
    void badConfigurationsAreRefusedBeforeAnyWork(@TempDir Path dir) {
        assertThatThrownBy(() -> tiny(1).with(Map.of("learningRateDvln", "-0.001")))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("learningRateDvln = -0.001");
        assertThatThrownBy(() -> tiny(1).with(Map.of("batchSize", "0"))).hasMessageContaining("batchSize = 0");
        assertThatThrownBy(() -> tiny(1).with(Map.of("baseline", "greedy")))
                .hasMessageContaining("baseline = greedy").hasMessageContaining("critic or shared");
        assertThatThrownBy(() -> tiny(1).with(Map.of("baseline", "shared")))
                .hasMessageContaining("samplesPerInstance = 1");
        assertThatThrownBy(() -> tiny(1).with(Map.of("samplesPerInstance", "5")))
                .hasMessageContaining("samplesPerInstance = 5").hasMessageContaining("a divisor of batchSize = 32");
        assertThatThrownBy(() -> TrainingRun.run(TrainingConfig.defaults("cell-free-v99"), dir.resolve("a"), false, QUIET))
                .hasMessageContaining("unknown environment id 'cell-free-v99'");
        assertThatThrownBy(() -> TrainingRun.run(tiny(1).with(Map.of("cvln", "cvln-magic")), dir.resolve("b"), false, QUIET))
                .hasMessageContaining("cvln = cvln-magic");
        assertThat(dir.resolve("a/config.json")).doesNotExist();
        assertThat(dir.resolve("b/config.json")).doesNotExist();
    }

    @Test
    void theTrainCommandRefusesToOverwriteARunAndEvaluatesItsPolicy(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        String[] args = {"train", "--env", "cell-free-tiny-v1", "--epochs", "1", "--set", "stepsPerEpoch=2", "--set",
            "batchSize=8", "--set", "width=16", "--set", "validationInstances=10", "--out", run.toString()};
        assertThat(Main.run(args)).isZero();
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertThat(Main.run(args)).isEqualTo(2);
        } finally {
            System.setErr(err);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("already holds a run");
        Path eval = dir.resolve("eval");
        assertThat(Main.run("evaluate", "--env", "cell-free-tiny-v1", "--policy", run.toString(), "--instances", "6",
                "--power-dbm", "20", "--methods", "learned+cvln-rzf,learned+wmmse,greedy+cvln-rzf,learned+cvln", "--out",
                eval.toString())).isZero();
        List<String> csv = Files.readAllLines(eval.resolve("results.csv"));
        assertThat(csv).hasSize(1 + 5);
        assertThat(csv.subList(1, csv.size())).allSatisfy(l -> assertThat(l.split(",")[7]).isEqualTo("1.0"));
    }
}
