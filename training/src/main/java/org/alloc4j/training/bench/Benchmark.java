package org.alloc4j.training.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.alloc4j.baselines.Allocator;
import org.alloc4j.baselines.MethodCatalog;
import org.alloc4j.decoder.Greedy;
import org.alloc4j.envs.Environment;
import org.alloc4j.envs.Support;
import org.alloc4j.envs.cellfree.CellFreeEnv;
import org.alloc4j.policy.HostSnapshot;
import org.alloc4j.policy.LearnedMethods;
import org.alloc4j.policy.ModelConfig;
import org.alloc4j.policy.Policy;
import org.alloc4j.training.evaluate.TestSet;
import org.alloc4j.training.train.Trainer;
import org.alloc4j.training.train.TrainingConfig;

/**
 * Side-by-side timings of the learned policy and the classical baselines on the same instances, in one
 * process (SPEC §7, issue "bench"): these machines are shared and noisy, so only ratios measured
 * together are trusted. Every learned number covers the whole allocation: featurisation, greedy
 * decoding, the continuous network and the conversion to a checked solution.
 */
public final class Benchmark {

    /**
     * @param env               preset id
     * @param powerDbm          power of the instances [dBm]
     * @param seed              seed of the instances and of an untrained policy
     * @param batch             instances of the throughput measurement (1000)
     * @param latencyInstances  instances decoded one at a time for the latency (200)
     * @param repeats           rounds of the interleaved timing (9): each times the learned method's batch and
     *                          a share of its batch-1 calls, then every baseline once
     * @param baselineInstances instances per baseline timing (200)
     * @param trainSteps        timed joint training steps of batch 128 (5)
     * @param memoryCalls       batch-1 decode calls of the memory check (10 000), after a fifth as many uncounted ones
     * @param width             d of a policy initialised from the seed (64; ignored for a checkpoint)
     * @param warmUpSeconds     least time every timed method (learned and baselines alike) runs before it is timed (10)
     */
    public record Config(String env, double powerDbm, long seed, int batch, int latencyInstances, int repeats,
                         int baselineInstances, int trainSteps, int memoryCalls, int width, double warmUpSeconds) {
    }

    /** Cap of a warm-up [s] (cell-free-large-v1's WMMSE needs about 64 ms per instance). */
    static final long WARM_UP_MAX_SECONDS = 60;
    /** Instances of the paper-decoder throughput measurement. */
    static final int PAPER_BATCH = 200;

    private Benchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param policyFile a checkpoint, or null for networks initialised from the seed
     * @return the fields of bench.json, in order, then "details"
     */
    public static Map<String, Object> run(Environment<?> env, Config c, Path policyFile, PrintStream log) throws Exception {
        return typed(env, c, policyFile, log);
    }

    private static <I> Map<String, Object> typed(Environment<I> env, Config c, Path policyFile, PrintStream log)
            throws Exception {
        List<I> instances = TestSet.atPower(env, TestSet.generate(env, c.seed(), c.batch()), c.powerDbm());
        Map<String, Object> details = new LinkedHashMap<>();
        try (Policy<I> policy = policyFile == null ? Policy.initialise(env, ModelConfig.defaults().withWidth(c.width()), c.seed())
                : Policy.load(env, policyFile)) {
            String cvln = policy.networks().cvlnNames().get(0);
            MethodCatalog<I> catalog = LearnedMethods.register(MethodCatalog.classical(env), policy);
            MethodCatalog.Context ctx = MethodCatalog.Context.of(c.seed());
            String learnedName = "learned+" + cvln;
            Allocator<I> learned = catalog.create(learnedName, ctx);
            log.println("warming up …");
            warmUp(learned, instances, 2L * c.batch(), c.warmUpSeconds());
            // batch 1 runs other code (the host snapshot where there is one): its own JIT warm-up, as
            // many calls as are timed (20 left the host kernels half compiled: 7.2 against 3.0 ms)
            for (int w = 0; w < c.latencyInstances(); w++) {
                learned.allocateAll(List.of(instances.get(w % instances.size())));
            }
            List<I> subset = instances.subList(0, Math.min(c.baselineInstances(), instances.size()));
            Map<String, Allocator<I>> baselineAllocators = new LinkedHashMap<>();
            for (String m : baselineMethods(env)) {
                Allocator<I> a = catalog.create(m, ctx);
                warmUp(a, subset, 2L * c.batch(), c.warmUpSeconds());
                baselineAllocators.put(m, a);
            }
            Rounds rounds = interleaved(learned, instances, subset, baselineAllocators, c);
            LatencyStats batch1 = rounds.batch1();
            LatencyStats batchN = rounds.learned();
            Map<String, LatencyStats> baselines = rounds.baselines();
            log.printf(Locale.ROOT, "%s: batch 1 median %.3f ms (p99 %.3f), batch %d %.4f ms/instance%n", learnedName,
                    batch1.median(), batch1.p99(), c.batch(), batchN.median());
            baselines.forEach((m, t) -> log.printf(Locale.ROOT, "%s: %.4f ms/instance%n", m, t.median()));
            log.printf(Locale.ROOT, "greedy+wmmse / learned over %d rounds: batch %d median %.2f (%.2f–%.2f), "
                            + "batch 1 median %.2f (%.2f–%.2f)%n", c.repeats(), c.batch(), rounds.ratioBatch().median(),
                    rounds.ratioBatch().min(), rounds.ratioBatch().max(), rounds.ratioBatch1().median(),
                    rounds.ratioBatch1().min(), rounds.ratioBatch1().max());
            details.put("learned_method", learnedName);
            details.put("inference_chunk", policy.inferenceChunk(1));
            details.put("learned_batch1_ms", batch1);
            details.put("learned_batch_ms_per_instance", batchN);
            details.put("baselines_ms_per_instance", baselines);
            details.put("rounds", c.repeats());
            details.put("speedup_batch_per_round", rounds.ratioBatch());
            details.put("speedup_batch1_per_round", rounds.ratioBatch1());
            details.put("stages", stages(policy, cvln, instances, c, log));
            double wmmse = baselines.get("greedy+wmmse").median();

            // the allocators' caches settle within the first ~2 000 batch-1 calls after the large batches
            // above (measured on cell-free-large-v1: +25 % there, then +0.05 % over the next 18 000)
            int warmUp = c.memoryCalls() / 5;
            for (int i = 0; i < warmUp; i++) {
                learned.allocateAll(List.of(instances.get(i % instances.size())));
            }
            double beforeMb = ProcessMemory.residentMb();
            int arraysBefore = policy.manager().getManagedArrays().size();
            double[] trajectory = new double[11];
            trajectory[0] = beforeMb;
            int tenth = Math.max(1, c.memoryCalls() / 10);
            for (int i = 1; i <= c.memoryCalls(); i++) {
                learned.allocateAll(List.of(instances.get((warmUp + i) % instances.size())));
                if (i % tenth == 0 && i / tenth <= 10) {
                    trajectory[i / tenth] = ProcessMemory.residentMb();
                }
            }
            double afterMb = ProcessMemory.residentMb();
            details.put("memory_warm_up_calls", warmUp);
            details.put("memory_calls", c.memoryCalls());
            details.put("rss_every_tenth_mb", trajectory);
            details.put("rss_before_mb", beforeMb);
            details.put("rss_after_mb", afterMb);
            details.put("rss_growth_percent", 100 * (afterMb - beforeMb) / beforeMb);
            details.put("arrays_leaked", policy.manager().getManagedArrays().size() - arraysBefore);
            log.printf(Locale.ROOT, "memory over %d batch-1 calls after %d more: %.1f -> %.1f MB (%.2f %%), arrays leaked %d%n",
                    c.memoryCalls(), warmUp, beforeMb, afterMb, 100 * (afterMb - beforeMb) / beforeMb,
                    policy.manager().getManagedArrays().size() - arraysBefore);

            if (env instanceof CellFreeEnv) {
                ModelConfig faithful = new ModelConfig(64, 3, 2, 2, false, 10, 8, "gnn", 2, false, false, 1);
                try (Policy<I> paper = Policy.initialise(env, faithful, c.seed())) {
                    Allocator<I> p = LearnedMethods.register(MethodCatalog.classical(env), paper).create(learnedName, ctx);
                    // the paper's context re-runs a GNN over every link at every step: at batch 1 000 that
                    // needs tens of GB, so its throughput is measured on the first PAPER_BATCH instances
                    List<I> paperBatch = instances.subList(0, Math.min(PAPER_BATCH, instances.size()));
                    p.allocateAll(paperBatch);
                    LatencyStats p1 = LatencyStats.of(batchOne(p, instances, 0, Math.min(50, c.latencyInstances())));
                    LatencyStats pn = LatencyStats.of(new double[] {passMs(p, paperBatch)});
                    details.put("paper_decoder_batch1_ms", p1);
                    details.put("paper_decoder_batch", paperBatch.size());
                    details.put("paper_decoder_batch_ms_per_instance", pn);
                    log.printf(Locale.ROOT, "paper's GNN-context decoder: batch 1 median %.3f ms, batch %d %.4f ms/instance%n",
                            p1.median(), paperBatch.size(), pn.median());
                }
            }
            double trainRate = trainingThroughput(env, c, log, details);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("env", c.env());
            out.put("threads", Integer.parseInt(System.getProperty("ai.djl.pytorch.num_threads", "1")));
            out.put("learned_ms_batch1", batch1.median());
            out.put("learned_ms_per_instance_batch1000", batchN.median());
            out.put("wmmse_ms_per_instance", wmmse);
            out.put("speedup_batch1", wmmse / batch1.median());
            out.put("speedup_batch1000", wmmse / batchN.median());
            out.put("train_instances_per_s", trainRate);
            out.put("peak_rss_mb", ProcessMemory.peakMb());
            out.put("details", details);
            return out;
        }
    }

    /**
     * Per-stage timers of the learned method: {@code Policy.decode} (featurisation, encoder, greedy
     * decoding) with the per-step work on the host where the context allows it and on tensors, and
     * {@code Policy.beamform} (featurisation, CVLN, host copy); at batch 1 (median over up to 100
     * instances) and per instance over the whole batch (one pass each); and, where the networks have
     * one, the {@link HostSnapshot}'s decoding and CVLN at batch 1 — what the learned method runs there.
     */
    private static <I> Map<String, Object> stages(Policy<I> policy, String cvln, List<I> instances, Config c,
                                                  PrintStream log) {
        Map<String, Object> out = new LinkedHashMap<>();
        int ones = Math.min(100, c.latencyInstances());
        double[][] one = new double[3][ones];
        for (int i = 0; i < ones; i++) {
            double[] t = stageTimes(policy, cvln, List.of(instances.get(i % instances.size())));
            for (int k = 0; k < 3; k++) {
                one[k][i] = t[k];
            }
        }
        // one untimed pass first: where the learned method runs on the host at every batch size, nothing
        // has run these tensor paths at this batch size since start-up (movable-antenna-v1 at d = 16,
        // decode_ms: 1.33 / 1.44 ms per instance without this pass, 0.95 / 1.14 with it; repeated passes
        // in a throwaway loop 0.51–0.76)
        stageTimes(policy, cvln, instances);
        double[] batch = stageTimes(policy, cvln, instances);
        String[] names = {"decode_ms", "decode_on_device_ms", "beamform_ms"};
        for (int k = 0; k < 3; k++) {
            LatencyStats st = LatencyStats.of(one[k]);
            out.put(names[k] + "_batch1", st);
            out.put(names[k] + "_per_instance_batch" + instances.size(), batch[k]);
            log.printf(Locale.ROOT, "stage %-20s batch 1 median %.3f ms, batch %d %.4f ms/instance%n", names[k],
                    st.median(), instances.size(), batch[k]);
        }
        HostSnapshot<I> host = policy.networks().hostCvlns().contains(cvln) ? policy.hostSnapshot() : null;
        if (host != null) {
            // what the learned method runs at batch 1 (Policy.HOST_BATCH_LIMIT): no native call
            double[][] snap = new double[2][ones];
            for (int i = 0; i < ones; i++) {
                List<I> single = List.of(instances.get(i % instances.size()));
                long t0 = System.nanoTime();
                List<Support> s = host.decode(single);
                long t1 = System.nanoTime();
                host.beamform(cvln, single, s);
                long t2 = System.nanoTime();
                snap[0][i] = (t1 - t0) / 1e6;
                snap[1][i] = (t2 - t1) / 1e6;
            }
            String[] hostNames = {"host_snapshot_decode_ms", "host_snapshot_beamform_ms"};
            for (int k = 0; k < 2; k++) {
                LatencyStats st = LatencyStats.of(snap[k]);
                out.put(hostNames[k] + "_batch1", st);
                log.printf(Locale.ROOT, "stage %-25s batch 1 median %.3f ms%n", hostNames[k], st.median());
            }
        }
        return out;
    }

    /** Milliseconds per instance of decode (host where allowed), decode on tensors, and beamform. */
    private static <I> double[] stageTimes(Policy<I> policy, String cvln, List<I> batch) {
        long t0 = System.nanoTime();
        List<Support> s = policy.decode(batch);
        long t1 = System.nanoTime();
        policy.decode(batch, Greedy.onDevice());
        long t2 = System.nanoTime();
        policy.beamform(cvln, batch, s);
        long t3 = System.nanoTime();
        double n = batch.size();
        return new double[] {(t1 - t0) / 1e6 / n, (t2 - t1) / 1e6 / n, (t3 - t2) / 1e6 / n};
    }

    static List<String> baselineMethods(Environment<?> env) {
        return env instanceof CellFreeEnv ? List.of("greedy+wmmse", "greedy+przf")
                : List.of("greedy+wmmse", "greedy+zf", "fp-c");
    }

    /** Milliseconds of {@code count} single-instance calls, on instances {@code from, from + 1, …} (cyclically). */
    private static <I> double[] batchOne(Allocator<I> a, List<I> instances, int from, int count) {
        double[] ms = new double[count];
        for (int i = 0; i < count; i++) {
            List<I> one = List.of(instances.get((from + i) % instances.size()));
            long t0 = System.nanoTime();
            a.allocateAll(one);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        return ms;
    }

    /**
     * Runs {@code a} over {@code instances} in at least two passes, until it has allocated {@code count}
     * instances and run for {@code minSeconds}, starting no pass after {@link #WARM_UP_MAX_SECONDS} unless
     * fewer than two ran. Every timed method — the learned one at batch 1 000 and each baseline — is warmed
     * up by this rule. The JIT keeps improving plain Java long after the first calls: on cell-free-v1
     * WMMSE took 5.9–9.3 ms per instance in the first pass over 200 instances after a 10-instance warm-up
     * (five JVMs), about 4 ms in passes 2–10 and 2.7–3.2 ms from about the 11th (the two JVMs run for 20
     * passes); the learned method at batch 1 000 after two passes ran 0.52–0.97 ms per instance in the
     * next seven and 0.37–0.55 ms after them (throwaway harnesses printing every pass).
     */
    private static <I> void warmUp(Allocator<I> a, List<I> instances, long count, double minSeconds) {
        long done = 0;
        long start = System.nanoTime();
        for (int pass = 0; pass < 2 || needsMore(done, count, start, minSeconds); pass++) {
            a.allocateAll(instances);
            done += instances.size();
        }
    }

    private static boolean needsMore(long done, long count, long start, double minSeconds) {
        double elapsed = (System.nanoTime() - start) / 1e9;
        return (done < count || elapsed < minSeconds) && elapsed < WARM_UP_MAX_SECONDS;
    }

    /**
     * The timed measurements, interleaved: {@code repeats} rounds, each one pass of the learned method over
     * the batch, then ⌈latencyInstances / repeats⌉ of its batch-1 calls (207 in 9 rounds of 200), then one
     * pass of every baseline over its subset. The
     * machine's speed drifts over seconds to minutes (on cell-free-v1 one process's WMMSE passes ran 2.5
     * and 4.1 ms per instance minutes apart), so methods timed one after the other can each catch a
     * different speed; in rounds they share every stretch, and each round gives its own ratio.
     */
    private static <I> Rounds interleaved(Allocator<I> learned, List<I> instances, List<I> subset,
                                          Map<String, Allocator<I>> baselines, Config c) {
        int repeats = c.repeats();
        int perRound = (c.latencyInstances() + repeats - 1) / repeats;
        double[] batch = new double[repeats];
        double[] single = new double[perRound * repeats];
        double[] singleMedian = new double[repeats];
        Map<String, double[]> base = new LinkedHashMap<>();
        baselines.keySet().forEach(m -> base.put(m, new double[repeats]));
        for (int r = 0; r < repeats; r++) {
            batch[r] = passMs(learned, instances);
            double[] round = batchOne(learned, instances, r * perRound, perRound);
            System.arraycopy(round, 0, single, r * perRound, perRound);
            singleMedian[r] = LatencyStats.of(round).median();
            for (Map.Entry<String, Allocator<I>> b : baselines.entrySet()) {
                base.get(b.getKey())[r] = passMs(b.getValue(), subset);
            }
        }
        double[] wmmse = base.get("greedy+wmmse");
        double[] ratioBatch = new double[repeats];
        double[] ratioSingle = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            ratioBatch[r] = wmmse[r] / batch[r];
            ratioSingle[r] = wmmse[r] / singleMedian[r];
        }
        Map<String, LatencyStats> baseStats = new LinkedHashMap<>();
        base.forEach((m, ms) -> baseStats.put(m, LatencyStats.of(ms)));
        return new Rounds(LatencyStats.of(batch), LatencyStats.of(single), baseStats, LatencyStats.of(ratioBatch),
                LatencyStats.of(ratioSingle));
    }

    /**
     * What {@link #interleaved} measured: per-instance milliseconds of the learned method's passes, its
     * batch-1 latencies, each baseline's passes, and greedy+wmmse / learned per round (batch 1: against
     * the round's median latency).
     */
    record Rounds(LatencyStats learned, LatencyStats batch1, Map<String, LatencyStats> baselines,
                  LatencyStats ratioBatch, LatencyStats ratioBatch1) {
    }

    /** Per-instance milliseconds of one call allocating all {@code instances}. */
    private static <I> double passMs(Allocator<I> a, List<I> instances) {
        long t0 = System.nanoTime();
        a.allocateAll(instances);
        return (System.nanoTime() - t0) / 1e6 / instances.size();
    }


    private static <I> double trainingThroughput(Environment<I> env, Config c, PrintStream log, Map<String, Object> details) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("batchSize", "128");
        f.put("validationInstances", "10");
        f.put("seed", Long.toString(c.seed()));
        TrainingConfig tc = TrainingConfig.defaults(c.env()).with(f);
        try (Trainer<I> t = new Trainer<>(tc, env)) {
            t.step();
            double[] s = new double[c.trainSteps()];
            for (int i = 0; i < s.length; i++) {
                long t0 = System.nanoTime();
                t.step();
                s[i] = (System.nanoTime() - t0) / 1e9;
            }
            LatencyStats st = LatencyStats.of(s);
            double rate = 128 / st.median();
            details.put("train_step_seconds", st);
            details.put("train_seconds_per_epoch_of_50_steps", 50 * st.median());
            log.printf(Locale.ROOT, "training: %.3f s per step of 128 (%.1f instances/s), %.1f s per 50-step epoch%n",
                    st.median(), rate, 50 * st.median());
            return rate;
        }
    }
}
