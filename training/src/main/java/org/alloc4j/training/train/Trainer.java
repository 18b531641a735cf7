package org.alloc4j.training.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.alloc4j.baselines.Allocator;
import org.alloc4j.baselines.Beamformer;
import org.alloc4j.baselines.MethodCatalog;
import org.alloc4j.baselines.RandomFeasible;
import org.alloc4j.decoder.DecodeResult;
import org.alloc4j.decoder.Sampling;
import org.alloc4j.encoder.Features;
import org.alloc4j.encoder.Tensors;
import org.alloc4j.envs.Environment;
import org.alloc4j.envs.InvalidConfigurationException;
import org.alloc4j.envs.Solution;
import org.alloc4j.envs.Support;
import org.alloc4j.envs.math.ComplexArray;
import org.alloc4j.policy.Policy;
import org.alloc4j.policy.PolicyNetworks;
import org.alloc4j.training.evaluate.TestSet;
import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.core.RandomProviderDefaultState;
import org.apache.commons.rng.simple.RandomSource;

/**
 * The joint training loop of SPEC §5 for one environment. Per step, on a batch of instances:
 * <ol>
 *   <li>decode support sets by sampling, keeping Σ_t log p(a_t) — S samples per instance, encoded once;</li>
 *   <li>beamformers of every trained CVLN and their differentiable sum rates;</li>
 *   <li>the critic's estimate V of the reward R (the reward CVLN's rate);</li>
 *   <li>CVLN loss −mean R_c (pathwise), DVLN loss −mean (R − b)·log p (R, b constants) with the baseline b = V
 *       or, with {@code baseline = shared}, the mean reward of the other samples of the same instance; critic
 *       loss mean (V − R̄)² against each instance's mean reward over its samples (trained either way), each
 *       on its own parameters, one backward pass;</li>
 *   <li>Adam per network with its own learning rate, after clipping each network's gradient norm.</li>
 * </ol>
 * The critic works on rewards divided by a fixed reward scale (the first batch's mean reward) so that
 * its output stays of order one. All randomness comes from streams derived from the run's seed, and
 * their states are part of the checkpoint, so a resumed run repeats an uninterrupted one exactly.
 *
 * @param <I> the instance type
 */
public final class Trainer<I> implements AutoCloseable {
    private final TrainingConfig config;
    private final Environment<I> env;
    private final Policy<I> policy;
    private final String rewardCvln;
    private final List<String> trainedCvlns;
    private final Adam dvlnOptimizer;
    private final Adam criticOptimizer;
    private final Map<String, Adam> cvlnOptimizers = new LinkedHashMap<>();
    private final RestorableUniformRandomProvider instanceRng;
    private final RestorableUniformRandomProvider samplingRng;
    private final RestorableUniformRandomProvider powerRng;
    private final RestorableUniformRandomProvider pretrainRng;
    private final Beamformer<I> classicalReward;
    private final List<I> validationSet;
    private final List<I> trainingSet;
    private final double referenceValidation;
    private int epoch;
    private long steps;
    private long pretrained;
    private int trainingCursor;
    private double rewardScale = Double.NaN;
    private DoubleUnaryOperator lossProbe = x -> x;

    /** One step's statistics. */
    public record StepStats(double reward, double policyLoss, double criticLoss, double cvlnLoss, double entropy,
                     double gradDvln, double gradCvln, double gradCritic, double supportSize) {
    }

    public Trainer(TrainingConfig config, Environment<I> env) {
        this.config = config;
        this.env = env;
        this.policy = Policy.initialise(env, config.model(), config.seed());
        PolicyNetworks<I> nets = policy.networks();
        this.rewardCvln = config.cvln().isBlank() ? nets.cvlnNames().get(0) : config.cvln();
        if (!nets.cvlnNames().contains(rewardCvln)) {
            policy.close();
            throw InvalidConfigurationException.of("training config", "cvln", config.cvln(),
                    String.join(", ", nets.cvlnNames()) + " (or empty for " + nets.cvlnNames().get(0) + ")");
        }
        this.trainedCvlns = config.trainAllCvlns() ? nets.cvlnNames() : List.of(rewardCvln);
        this.classicalReward = config.rewardBeamformer().isEmpty() ? null
                : ClassicalParts.beamformer(env, config.rewardBeamformer(), config.seed());
        NDManager m = policy.manager();
        dvlnOptimizer = new Adam(m, nets.dvlnParameters(), config.learningRateDvln(), config.gradientClip());
        criticOptimizer = new Adam(m, nets.criticParameters(), config.learningRateCritic(), config.gradientClip());
        for (String c : trainedCvlns) {
            cvlnOptimizers.put(c, new Adam(m, nets.cvlnParameters(c), config.learningRateCvln(), config.gradientClip()));
        }
        instanceRng = stream(1);
        samplingRng = stream(2);
        powerRng = stream(3);
        pretrainRng = stream(5);
        validationSet = TestSet.atPower(env, TestSet.generate(env, config.validationSeed(), config.validationInstances()),
                config.powerDbm());
        trainingSet = config.trainingSetSize() > 0 ? TestSet.generate(env, config.seed() ^ 0x7A11L, config.trainingSetSize())
                : null;
        referenceValidation = referenceRate();
    }

    private RestorableUniformRandomProvider stream(long index) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(new long[] {config.seed(), index});
    }

    public Policy<I> policy() {
        return policy;
    }

    public int epoch() {
        return epoch;
    }

    public long steps() {
        return steps;
    }

    public String rewardCvln() {
        return rewardCvln;
    }

    /** Mean sum rate of greedy+wmmse on the validation set: the reference of the validation ratio. */
    public double referenceValidation() {
        return referenceValidation;
    }

    /** Fault injection for tests: applied to the policy loss value before the finiteness check. */
    void probeLoss(DoubleUnaryOperator probe) {
        this.lossProbe = probe;
    }

    private double referenceRate() {
        Allocator<I> ref = MethodCatalog.classical(env).create("greedy+wmmse", MethodCatalog.Context.of(config.seed()));
        double sum = 0;
        for (I inst : validationSet) {
            sum += env.sumRate(inst, ref.allocate(inst).solution());
        }
        return sum / validationSet.size();
    }

    /**
     * The next step's {@link TrainingConfig#instancesPerStep()} instances, fresh or from the fixed set, at the
     * fixed power or drawn per instance.
     */
    private List<I> nextInstances() {
        List<I> instances = new ArrayList<>(config.instancesPerStep());
        for (int i = 0; i < config.instancesPerStep(); i++) {
            I inst;
            if (trainingSet != null) {
                inst = trainingSet.get(trainingCursor);
                trainingCursor = (trainingCursor + 1) % trainingSet.size();
            } else {
                inst = env.sample(instanceRng);
            }
            double p = config.powerRange()
                    ? config.powerMinDbm() + (config.powerMaxDbm() - config.powerMinDbm()) * powerRng.nextDouble()
                    : config.powerDbm();
            instances.add(env.withPowerDbm(inst, p));
        }
        return instances;
    }

    /** The step's rows: each instance {@code samplesPerInstance} times in a row (instance-major, as the decoder's rows). */
    private List<I> rowsOf(List<I> instances) {
        List<I> rows = new ArrayList<>(config.batchSize());
        for (I inst : instances) {
            for (int s = 0; s < config.samplesPerInstance(); s++) {
                rows.add(inst);
            }
        }
        return rows;
    }

    /** CVLN-only steps on random feasible support sets (SPEC §5 option). */
    public void pretrain(int count) {
        RandomFeasible<I> random = new RandomFeasible<>(env, pretrainRng);
        for (int s = 0; s < count; s++) {
            List<I> batch = rowsOf(nextInstances());
            List<Support> supports = new ArrayList<>();
            for (I inst : batch) {
                supports.add(random.select(inst).support());
            }
            try (NDManager m = policy.manager().newSubManager()) {
                ParameterStore ps = new ParameterStore(m, false);
                Features f = policy.networks().featurize(m, batch);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray loss = cvlnLoss(ps, f, supports, null);
                    requireFinite("pretraining step " + (pretrained + 1), Map.of("cvln loss", loss.getDouble()));
                    gc.backward(loss);
                }
                for (Adam a : cvlnOptimizers.values()) {
                    a.step();
                }
            }
            pretrained++;
        }
    }

    /** Σ over trained CVLNs of −mean(rate); the reward CVLN's rates go to {@code rewardOut} if given. */
    private NDArray cvlnLoss(ParameterStore ps, Features f, List<Support> supports, double[][] rewardOut) {
        PolicyNetworks<I> nets = policy.networks();
        NDArray loss = null;
        for (String c : trainedCvlns) {
            NDArray rate = nets.sumRate(f, supports, nets.beamform(ps, c, f, supports, true));
            if (rewardOut != null && c.equals(rewardCvln)) {
                rewardOut[0] = rate.toDoubleArray();
            }
            NDArray l = rate.mean().neg();
            loss = loss == null ? l : loss.add(l);
        }
        return loss;
    }

    /** One joint step on the next batch. */
    public StepStats step() {
        List<I> instances = nextInstances();
        List<I> batch = rowsOf(instances);
        int samples = config.samplesPerInstance();
        PolicyNetworks<I> nets = policy.networks();
        StepStats stats;
        try (NDManager m = policy.manager().newSubManager()) {
            ParameterStore ps = new ParameterStore(m, false);
            Features f = nets.featurize(m, batch);                                    // one row per sample: the CVLNs
            Features once = samples == 1 ? f : nets.featurize(m, instances);           // the encoder and critic
            int b = batch.size();
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                DecodeResult d = nets.decode(ps, once, instances, new Sampling(1.0, samples, samplingRng), true);
                List<Support> supports = new ArrayList<>(b);
                double size = 0;
                for (int r = 0; r < b; r++) {
                    supports.add(d.support(r));
                    size += d.support(r).size();
                }
                double[][] rewardHolder = new double[1][];
                NDArray cvlnLoss = cvlnLoss(ps, f, supports, rewardHolder);
                double[] reward = classicalReward == null ? rewardHolder[0] : classicalRates(batch, supports);
                double meanReward = 0;
                for (double r : reward) {
                    meanReward += r / b;
                }
                if (Double.isNaN(rewardScale)) {
                    rewardScale = Math.max(Math.abs(meanReward), 1e-3);
                }
                NDArray value = nets.value(ps, once, true);                           // (B/S), reward / scale
                float[] valueHost = value.toFloatArray();
                float[] target = new float[b];
                for (int r = 0; r < b; r++) {
                    target[r] = (float) (reward[r] / rewardScale);
                }
                float[] baseline = config.baseline().equals(TrainingConfig.SHARED) ? leaveOneOutMeans(target, samples)
                        : perRow(valueHost, samples);
                float[] advantage = new float[b];
                double meanAdv = 0;
                for (int r = 0; r < b; r++) {
                    advantage[r] = target[r] - baseline[r];
                    meanAdv += advantage[r] / (double) b;
                }
                if (config.normaliseAdvantage() && b > 1) {
                    double var = 0;
                    for (float a : advantage) {
                        var += (a - meanAdv) * (a - meanAdv) / (b - 1);
                    }
                    double sd = Math.sqrt(var) + 1e-8;
                    for (int r = 0; r < b; r++) {
                        advantage[r] = (float) ((advantage[r] - meanAdv) / sd);
                    }
                }
                NDArray adv = Tensors.floats(m, advantage, new Shape(b));
                NDArray policyLoss = adv.mul(d.logLikelihood()).mean().neg();
                NDArray entropy = d.entropy().mean();
                if (config.entropyBonus() > 0) {
                    policyLoss = policyLoss.sub(entropy.mul(Tensors.scalar(entropy, config.entropyBonus())));
                }
                // against each instance's mean over its samples: the same gradient as against every sample
                float[] criticTarget = groupMeans(target, samples);
                NDArray criticLoss = value.sub(Tensors.floats(m, criticTarget, new Shape(criticTarget.length))).square().mean();
                double pl = lossProbe.applyAsDouble(policyLoss.getFloat());
                double cl = criticLoss.getFloat();
                double vl = cvlnLoss.getDouble();
                requireFinite("epoch " + (epoch + 1) + ", step " + (steps + 1),
                        Map.of("policy loss", pl, "critic loss", cl, "cvln loss", vl));
                gc.backward(policyLoss.add(criticLoss).add(cvlnLoss));
                stats = new StepStats(meanReward, pl, cl, vl, entropy.getFloat(), 0, 0, 0, size / b);
            }
            double gd = dvlnOptimizer.gradientNorm();
            double gv = cvlnOptimizers.get(rewardCvln).gradientNorm();
            double gk = criticOptimizer.gradientNorm();
            requireFinite("epoch " + (epoch + 1) + ", step " + (steps + 1),
                    Map.of("DVLN gradient norm", gd, "CVLN gradient norm", gv, "critic gradient norm", gk));
            dvlnOptimizer.step();
            criticOptimizer.step();
            for (Adam a : cvlnOptimizers.values()) {
                a.step();
            }
            stats = new StepStats(stats.reward(), stats.policyLoss(), stats.criticLoss(), stats.cvlnLoss(), stats.entropy(),
                    gd, gv, gk, stats.supportSize());
        }
        steps++;
        return stats;
    }

    /**
     * The shared baseline: for rows grouped in consecutive runs of {@code samples} (≥ 2) samples of one
     * instance, each row's mean of the other rows' values in its group, (Σ_group v − v_r)/(S − 1). It does
     * not depend on the row's own sample, so the policy gradient stays unbiased.
     */
    static float[] leaveOneOutMeans(float[] values, int samples) {
        if (samples < 2 || values.length % samples != 0) {
            throw new IllegalArgumentException("leave-one-out means need groups of at least 2 rows dividing " + values.length
                    + ", got " + samples);
        }
        double[] sums = groupSums(values, samples);
        float[] out = new float[values.length];
        for (int r = 0; r < out.length; r++) {
            out[r] = (float) ((sums[r / samples] - values[r]) / (samples - 1));
        }
        return out;
    }

    /** Each value repeated {@code samples} times in a row. */
    private static float[] perRow(float[] perInstance, int samples) {
        float[] out = new float[perInstance.length * samples];
        for (int r = 0; r < out.length; r++) {
            out[r] = perInstance[r / samples];
        }
        return out;
    }

    /** The mean of each consecutive run of {@code samples} values. */
    private static float[] groupMeans(float[] values, int samples) {
        if (samples == 1) {
            return values;
        }
        double[] sums = groupSums(values, samples);
        float[] out = new float[sums.length];
        for (int g = 0; g < out.length; g++) {
            out[g] = (float) (sums[g] / samples);
        }
        return out;
    }

    /** The sum of each consecutive run of {@code samples} values. */
    private static double[] groupSums(float[] values, int samples) {
        double[] sums = new double[values.length / samples];
        for (int r = 0; r < values.length; r++) {
            sums[r / samples] += values[r];
        }
        return sums;
    }

    /** Exact rates of the classical reward beamformer, computed on the idle cores while the engine waits. */
    private double[] classicalRates(List<I> batch, List<Support> supports) {
        return java.util.stream.IntStream.range(0, batch.size()).parallel().mapToDouble(i -> env.sumRate(batch.get(i),
                new Solution(supports.get(i), classicalReward.beamform(batch.get(i), supports.get(i))))).toArray();
    }

    private static void requireFinite(String where, Map<String, Double> values) {
        for (Map.Entry<String, Double> e : values.entrySet()) {
            if (!Double.isFinite(e.getValue())) {
                throw new TrainingDivergedException("training stopped at " + where + ": " + e.getKey() + " is "
                        + e.getValue() + "; the last good checkpoint is kept");
            }
        }
    }

    /** One epoch of joint steps followed by validation. */
    public EpochMetrics runEpoch(java.util.function.IntConsumer onStep) {
        long start = System.nanoTime();
        double[] sums = new double[9];
        for (int s = 0; s < config.stepsPerEpoch(); s++) {
            StepStats st = step();
            double[] v = {st.reward(), st.policyLoss(), st.criticLoss(), st.cvlnLoss(), st.entropy(), st.gradDvln(),
                st.gradCvln(), st.gradCritic(), st.supportSize()};
            for (int i = 0; i < v.length; i++) {
                sums[i] += v[i] / config.stepsPerEpoch();
            }
            if (onStep != null) {
                onStep.accept(s);
            }
        }
        epoch++;
        double[] val = validate();
        return new EpochMetrics(epoch, steps, sums[0], sums[1], sums[2], sums[3], sums[4], sums[5], sums[6], sums[7],
                sums[8], sums[8] / env.maxSteps(), val[0], val[0] / referenceValidation, val[1], val[2],
                (System.nanoTime() - start) / 1e9);
    }

    /** The untrained policy's validation, as epoch 0. */
    public EpochMetrics initialMetrics() {
        double[] val = validate();
        return new EpochMetrics(0, steps, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, val[0], val[0] / referenceValidation, val[1], val[2], 0);
    }

    /**
     * Greedy decoding + the reward's beamformer (the reward CVLN, or WMMSE) on the validation set:
     * {mean exact sum rate, mean |A|, feasible share}.
     */
    public double[] validate() {
        double rate = 0;
        double size = 0;
        int feasible = 0;
        for (int from = 0; from < validationSet.size(); from += 250) {
            List<I> chunk = validationSet.subList(from, Math.min(validationSet.size(), from + 250));
            List<Support> sets = policy.decode(chunk);
            List<ComplexArray> beams = classicalReward == null ? policy.beamform(rewardCvln, chunk, sets)
                    : java.util.stream.IntStream.range(0, chunk.size()).parallel()
                            .mapToObj(i -> classicalReward.beamform(chunk.get(i), sets.get(i))).toList();
            for (int i = 0; i < chunk.size(); i++) {
                Solution s = new Solution(sets.get(i), beams.get(i));
                rate += env.sumRate(chunk.get(i), s);
                size += sets.get(i).size();
                feasible += env.checker().check(chunk.get(i), s).feasible() ? 1 : 0;
            }
        }
        int n = validationSet.size();
        return new double[] {rate / n, size / n, (double) feasible / n};
    }

    /** Everything beyond the parameters that a resumed run needs, as checkpoint sections. */
    public Map<String, byte[]> stateSections() {
        Map<String, byte[]> s = new LinkedHashMap<>();
        s.put("optimizer.dvln", dvlnOptimizer.saveState());
        s.put("optimizer.critic", criticOptimizer.saveState());
        for (Map.Entry<String, Adam> e : cvlnOptimizers.entrySet()) {
            s.put("optimizer." + e.getKey(), e.getValue().saveState());
        }
        s.put("rng.instances", state(instanceRng));
        s.put("rng.sampling", state(samplingRng));
        s.put("rng.power", state(powerRng));
        s.put("rng.pretrain", state(pretrainRng));
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(36);
        b.putInt(epoch).putLong(steps).putLong(pretrained).putInt(trainingCursor).putDouble(rewardScale);
        s.put("trainer", java.util.Arrays.copyOf(b.array(), b.position()));
        return s;
    }

    /** Restores {@link #stateSections()} (parameters are loaded separately). */
    public void restore(Map<String, byte[]> s) {
        dvlnOptimizer.loadState(require(s, "optimizer.dvln"));
        criticOptimizer.loadState(require(s, "optimizer.critic"));
        for (Map.Entry<String, Adam> e : cvlnOptimizers.entrySet()) {
            e.getValue().loadState(require(s, "optimizer." + e.getKey()));
        }
        instanceRng.restoreState(new RandomProviderDefaultState(require(s, "rng.instances")));
        samplingRng.restoreState(new RandomProviderDefaultState(require(s, "rng.sampling")));
        powerRng.restoreState(new RandomProviderDefaultState(require(s, "rng.power")));
        pretrainRng.restoreState(new RandomProviderDefaultState(require(s, "rng.pretrain")));
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(require(s, "trainer"));
        epoch = b.getInt();
        steps = b.getLong();
        pretrained = b.getLong();
        trainingCursor = b.getInt();
        rewardScale = b.getDouble();
    }

    public long pretrainedSteps() {
        return pretrained;
    }

    private static byte[] require(Map<String, byte[]> s, String key) {
        byte[] v = s.get(key);
        if (v == null) {
            throw new IllegalStateException("checkpoint has no section '" + key + "'");
        }
        return v;
    }

    private static byte[] state(RestorableUniformRandomProvider rng) {
        return ((RandomProviderDefaultState) rng.saveState()).getState();
    }

    @Override
    public void close() {
        policy.close();
    }

    /** Data type of the networks (float32); the sum rates are float64. */
    static DataType dataType() {
        return DataType.FLOAT32;
    }
}
