package org.alloc4j.training.train;

import ai.djl.engine.Engine;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.alloc4j.envs.Alloc4j;
import org.alloc4j.envs.Environment;
import org.alloc4j.envs.EnvironmentRegistry;
import org.alloc4j.envs.InvalidConfigurationException;
import org.alloc4j.policy.ModelCheckpoint;
import org.alloc4j.training.evaluate.ResultWriters;
import org.alloc4j.training.io.AtomicFiles;
import org.alloc4j.training.io.ProgressBar;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A training run in a directory (SPEC §5, issue "train"):
 * <pre>
 *   config.json          every hyper-parameter, defaults included
 *   provenance.json      seed, library / DJL / PyTorch versions, start time, machine
 *   metrics.csv          one row per epoch (epoch 0 = the untrained policy)
 *   checkpoints/last.ckpt, checkpoints/best.ckpt  (parameters, optimiser and RNG state, epoch)
 *   training-curves.png  validation sum rate and association rate against epoch
 * </pre>
 * Checkpoints are written atomically after every epoch; {@code --resume} continues from
 * {@code last.ckpt} with the same random streams, so a resumed run repeats an uninterrupted one.
 */
public final class TrainingRun {
    public static final String CONFIG = "config.json";
    public static final String LAST = "checkpoints/last.ckpt";
    public static final String BEST = "checkpoints/best.ckpt";
    public static final String METRICS = "metrics.csv";
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();

    private TrainingRun() {
    }

    /** Reads a run's configuration. */
    public static TrainingConfig readConfig(Path dir) throws IOException {
        Path f = dir.resolve(CONFIG);
        if (!Files.isRegularFile(f)) {
            throw new InvalidConfigurationException("no training run in " + dir + " (" + CONFIG + " is missing)");
        }
        return fromJson(Files.readString(f));
    }

    /** A configuration from JSON: the fields given replace the defaults of the named environment. */
    public static TrainingConfig fromJson(String json) {
        JsonObject o = JsonParser.parseString(json).getAsJsonObject();
        if (!o.has("env")) {
            throw InvalidConfigurationException.of("training config", "env", "missing", "a registered environment id");
        }
        Map<String, String> m = new LinkedHashMap<>();
        o.entrySet().forEach(e -> m.put(e.getKey(), e.getValue().isJsonNull() ? "NaN" : e.getValue().getAsString()));
        return TrainingConfig.defaults(m.get("env")).with(m);
    }

    /**
     * Trains until the configuration's budget is used.
     *
     * @param resume continue the run in {@code dir} instead of starting one
     * @return the metrics rows written in this call
     */
    public static List<EpochMetrics> run(TrainingConfig config, Path dir, boolean resume, PrintStream log) throws IOException {
        return run(config, dir, resume, log, t -> { });
    }

    /** As {@link #run(TrainingConfig, Path, boolean, PrintStream)}, letting tests adjust the trainer first. */
    static List<EpochMetrics> run(TrainingConfig config, Path dir, boolean resume, PrintStream log,
                                  java.util.function.Consumer<Trainer<?>> adjust) throws IOException {
        Environment<?> env = EnvironmentRegistry.load().create(config.env(), config.envOverrideMap());
        return runTyped(env, config, dir, resume, log, adjust);
    }

    private static <I> List<EpochMetrics> runTyped(Environment<I> env, TrainingConfig config, Path dir, boolean resume,
                                                   PrintStream log, java.util.function.Consumer<Trainer<?>> adjust)
            throws IOException {
        List<EpochMetrics> written = new ArrayList<>();
        if (!resume && Files.exists(dir.resolve(CONFIG))) {
            throw new InvalidConfigurationException("run directory " + dir + " already holds a run; use --resume or another --out");
        }
        if (resume && !Files.isRegularFile(dir.resolve(LAST))) {
            throw new InvalidConfigurationException("nothing to resume in " + dir + ": " + LAST + " is missing");
        }
        Files.createDirectories(dir.resolve("checkpoints"));
        try (Trainer<I> trainer = new Trainer<>(config, env)) {
            adjust.accept(trainer);
            double elapsed;
            double best;
            if (resume) {
                Map<String, byte[]> sections = ModelCheckpoint.readSections(dir.resolve(LAST));
                ModelCheckpoint.loadInto(sections, trainer.policy().networks(), trainer.policy().manager());
                trainer.restore(sections);
                JsonObject h = ModelCheckpoint.header(sections);
                elapsed = h.get("elapsed_seconds").getAsDouble();
                best = h.get("best_val_sum_rate").getAsDouble();
                truncateMetrics(dir, trainer.epoch());
                log.printf("resuming %s at epoch %d (%d steps, %.1f min so far)%n", dir, trainer.epoch(), trainer.steps(),
                        elapsed / 60);
            } else {
                AtomicFiles.writeString(dir.resolve(CONFIG), GSON.toJson(ResultWriters.toJson(typed(config))) + "\n");
                AtomicFiles.writeString(dir.resolve("provenance.json"), GSON.toJson(provenance(config)) + "\n");
                long t0 = System.nanoTime();
                if (config.pretrainSteps() > 0) {
                    log.printf("pre-training the continuous networks for %d steps%n", config.pretrainSteps());
                    trainer.pretrain(config.pretrainSteps());
                }
                EpochMetrics zero = trainer.initialMetrics();
                elapsed = (System.nanoTime() - t0) / 1e9;
                AtomicFiles.writeString(dir.resolve(METRICS), EpochMetrics.CSV_HEADER + "\n" + zero.toCsv() + "\n");
                written.add(zero);
                best = zero.valSumRate();
                save(trainer, dir.resolve(LAST), elapsed, best);
                save(trainer, dir.resolve(BEST), elapsed, best);
                log.printf("epoch 0 (untrained): validation %.3f bit/s/Hz, %.3f x greedy+wmmse (%.3f)%n", zero.valSumRate(),
                        zero.valRatio(), trainer.referenceValidation());
            }
            while (budgetLeft(config, trainer.epoch(), elapsed)) {
                ProgressBar bar = new ProgressBar(config.stepsPerEpoch());
                int epochNumber = trainer.epoch() + 1;
                EpochMetrics m = trainer.runEpoch(s -> bar.advance(1, "epoch " + epochNumber));
                elapsed += m.seconds();
                Files.writeString(dir.resolve(METRICS), m.toCsv() + "\n", StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.APPEND);
                written.add(m);
                boolean improved = m.valSumRate() > best;
                best = Math.max(best, m.valSumRate());
                save(trainer, dir.resolve(LAST), elapsed, best);
                if (improved) {
                    AtomicFiles.write(dir.resolve(BEST), out -> Files.copy(dir.resolve(LAST), out)); // the same content
                }
                plotCurves(dir, env.maxSteps());
                log.printf("epoch %d: reward %.3f, validation %.3f bit/s/Hz (%.3f x greedy+wmmse)%s, |A| %.2f, %.1fs%n",
                        m.epoch(), m.meanReward(), m.valSumRate(), m.valRatio(), improved ? " best" : "", m.valSupportSize(),
                        m.seconds());
            }
        }
        return written;
    }

    private static boolean budgetLeft(TrainingConfig c, int epoch, double elapsedSeconds) {
        return c.minutes() > 0 ? elapsedSeconds < c.minutes() * 60 : epoch < c.epochs();
    }

    private static void save(Trainer<?> trainer, Path file, double elapsed, double best) throws IOException {
        JsonObject h = new JsonObject();
        h.addProperty("epoch", trainer.epoch());
        h.addProperty("steps", trainer.steps());
        h.addProperty("elapsed_seconds", elapsed);
        h.addProperty("best_val_sum_rate", best);
        h.addProperty("reward_cvln", trainer.rewardCvln());
        ModelCheckpoint.write(file, trainer.policy().networks(), h, trainer.stateSections());
    }

    private static void truncateMetrics(Path dir, int epoch) throws IOException {
        Path f = dir.resolve(METRICS);
        List<String> keep = new ArrayList<>();
        for (String line : Files.readAllLines(f)) {
            if (line.startsWith("epoch") || Integer.parseInt(line.substring(0, line.indexOf(','))) <= epoch) {
                keep.add(line);
            }
        }
        AtomicFiles.writeString(f, String.join("\n", keep) + "\n");
    }

    /** The configuration with numbers as numbers (the record's map holds strings). */
    private static Map<String, Object> typed(TrainingConfig c) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (var comp : TrainingConfig.class.getRecordComponents()) {
            try {
                m.put(comp.getName(), comp.getAccessor().invoke(c));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return m;
    }

    private static Map<String, Object> provenance(TrainingConfig c) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("seed", c.seed());
        p.put("library_version", Alloc4j.version());
        p.put("djl_version", Engine.getDjlVersion());
        p.put("engine", Engine.getInstance().getEngineName() + " " + Engine.getInstance().getVersion());
        p.put("pytorch_threads", System.getProperty("ai.djl.pytorch.num_threads"));
        p.put("started", Instant.now().toString());
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown";
        }
        p.put("host", host);
        p.put("cores", Runtime.getRuntime().availableProcessors());
        p.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        p.put("java", System.getProperty("java.version"));
        return p;
    }

    /** Validation sum rate and association rate against epoch (the paper's Fig. 7). */
    static void plotCurves(Path dir, int maxSteps) throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve(METRICS));
        List<Double> epochs = new ArrayList<>();
        List<Double> rates = new ArrayList<>();
        List<Double> association = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            epochs.add(Double.parseDouble(f[0]));
            rates.add(Double.parseDouble(f[12]));
            association.add(Double.parseDouble(f[14]) / maxSteps);
        }
        XYChart chart = new XYChartBuilder().width(900).height(600).title("training curves").xAxisTitle("epoch")
                .yAxisTitle("validation sum rate [bit/s/Hz]").build();
        chart.addSeries("validation sum rate", epochs, rates).setMarker(SeriesMarkers.CIRCLE);
        var a = chart.addSeries("association rate |A|/bound", epochs, association);
        a.setMarker(SeriesMarkers.DIAMOND);
        a.setYAxisGroup(1);
        chart.setYAxisGroupTitle(1, "association rate");
        chart.getStyler().setYAxisGroupPosition(1, org.knowm.xchart.style.Styler.YAxisPosition.Right);
        AtomicFiles.write(dir.resolve("training-curves.png"), out -> BitmapEncoder.saveBitmap(chart, out,
                BitmapEncoder.BitmapFormat.PNG));
    }
}
