package org.alloc4j.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.alloc4j.decoder.DecodeResult;
import org.alloc4j.decoder.Sampling;
import org.alloc4j.encoder.Features;
import org.alloc4j.encoder.Tensors;
import org.alloc4j.envs.Environment;
import org.alloc4j.envs.FeasibilityReport;
import org.alloc4j.envs.Solution;
import org.alloc4j.envs.Support;
import org.alloc4j.envs.cellfree.CellFreeConfig;
import org.alloc4j.envs.cellfree.CellFreeEnv;
import org.alloc4j.envs.cellfree.CellFreeInstance;
import org.alloc4j.envs.math.ComplexArray;
import org.alloc4j.envs.movable.MovableAntennaConfig;
import org.alloc4j.envs.movable.MovableAntennaEnv;
import org.alloc4j.envs.movable.MovableAntennaInstance;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyTensorsTest {
    private final CellFreeEnv cellFree = CellFreeEnv.preset(CellFreeConfig.DEFAULT);
    private final MovableAntennaEnv movable = MovableAntennaEnv.preset(MovableAntennaConfig.DEFAULT);

    @Test
    void tensorSumRateEqualsThePlainJavaSumRate() {
        assertTensorRateMatches(cellFree, 1L);
        assertTensorRateMatches(movable, 2L);
    }

    private <I> void assertTensorRateMatches(Environment<I> env, long seed) {
        List<I> batch = PolicyTestSupport.instances(env, 12, seed);
        List<Support> supports = PolicyTestSupport.randomSupports(env, batch, seed);
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        try (Policy<I> p = Policy.initialise(env, PolicyTestSupport.small(), seed); NDManager m = p.manager().newSubManager()) {
            Features f = p.networks().featurize(m, batch);
            int[] shape = env.beamformerShape(batch.get(0), supports.get(0));
            int per = 1;
            for (int d : shape) {
                per *= d;
            }
            double[] re = new double[batch.size() * per];
            double[] im = new double[batch.size() * per];
            for (int i = 0; i < re.length; i++) {
                re[i] = rng.nextDouble() - 0.5;
                im[i] = rng.nextDouble() - 0.5;
            }
            long[] full = new long[shape.length + 1];
            full[0] = batch.size();
            for (int i = 0; i < shape.length; i++) {
                full[i + 1] = shape[i];
            }
            Beams beams = new Beams(Tensors.doubles(m, re, new Shape(full)), Tensors.doubles(m, im, new Shape(full)));
            double[] tensor = p.networks().sumRate(f, supports, beams).toDoubleArray();
            for (int i = 0; i < batch.size(); i++) {
                double[] r = java.util.Arrays.copyOfRange(re, i * per, (i + 1) * per);
                double[] q = java.util.Arrays.copyOfRange(im, i * per, (i + 1) * per);
                double exact = env.sumRate(batch.get(i), new Solution(supports.get(i), ComplexArray.of(r, q, shape)));
                assertThat(tensor[i]).as("instance %d of %s", i, env.id()).isCloseTo(exact, within(1e-4 * Math.max(1, exact)));
            }
        }
    }

    @Test
    void continuousNetworksMeetThePowerBudgetsAndStayOffUnservedLinks() {
        List<CellFreeInstance> batch = PolicyTestSupport.instances(cellFree, 16, 3L);
        List<Support> supports = PolicyTestSupport.randomSupports(cellFree, batch, 3L);
        ModelConfig withJoint = new ModelConfig(16, 2, 1, 1, false, 10, 4, "dynamic", 1, true, true, 1);
        try (Policy<CellFreeInstance> p = Policy.initialise(cellFree, withJoint, 3L);
             NDManager m = p.manager().newSubManager()) {
            assertThat(p.networks().cvlnNames()).contains(CellFreeNetworks.JOINT);
            Features f = p.networks().featurize(m, batch);
            for (String cvln : p.networks().cvlnNames()) {
                Beams b = p.networks().beamform(new ParameterStore(m, false), cvln, f, supports, false);
                double[] re = b.re().toDoubleArray();
                double[] im = b.im().toDoubleArray();
                int per = 8 * 6 * 2;
                for (int i = 0; i < batch.size(); i++) {
                    boolean[] served = supports.get(i).toIndicator(48);
                    for (int ap = 0; ap < 8; ap++) {
                        double power = 0;
                        for (int k = 0; k < 6; k++) {
                            for (int n = 0; n < 2; n++) {
                                int idx = i * per + (ap * 6 + k) * 2 + n;
                                double v = re[idx] * re[idx] + im[idx] * im[idx];
                                if (!served[ap * 6 + k]) {
                                    assertThat(v).as("%s: unserved link (%d, %d)", cvln, ap, k).isZero();
                                }
                                power += v;
                            }
                        }
                        assertThat(power).as("%s: AP %d power", cvln, ap).isLessThanOrEqualTo(batch.get(i).powerW() * (1 + 1e-12));
                    }
                    ComplexArray w = p.networks().beamformer(b, i, batch.get(i), supports.get(i));
                    FeasibilityReport rep = cellFree.checker().check(batch.get(i), new Solution(supports.get(i), w));
                    assertThat(rep.feasible()).as(cvln + " " + rep).isTrue();
                }
            }
        }
        List<MovableAntennaInstance> mb = PolicyTestSupport.instances(movable, 16, 4L);
        List<Support> ms = PolicyTestSupport.randomSupports(movable, mb, 4L);
        try (Policy<MovableAntennaInstance> p = Policy.initialise(movable, PolicyTestSupport.small(), 4L)) {
            List<ComplexArray> ws = p.beamform("cvln", mb, ms);
            for (int i = 0; i < mb.size(); i++) {
                assertThat(ws.get(i).normSquared()).as("total power = P").isCloseTo(mb.get(i).powerW(),
                        within(1e-9 * mb.get(i).powerW()));
                assertThat(movable.checker().check(mb.get(i), new Solution(ms.get(i), ws.get(i))).feasible()).isTrue();
            }
        }
    }

    /** The three losses of SPEC §5 on one batch; returns their sum. */
    private static <I> NDArray jointLoss(Policy<I> p, NDManager m, List<I> batch, long seed) {
        ParameterStore ps = new ParameterStore(m, false);
        PolicyNetworks<I> nets = p.networks();
        Features f = nets.featurize(m, batch);
        DecodeResult d = nets.decode(ps, f, batch, new Sampling(RandomSource.XO_RO_SHI_RO_128_PP.create(seed)), true);
        List<Support> supports = new ArrayList<>();
        for (int i = 0; i < d.rows(); i++) {
            supports.add(d.support(i));
        }
        NDArray loss = null;
        NDArray firstRate = null;
        for (String cvln : nets.cvlnNames()) {
            NDArray rate = nets.sumRate(f, supports, nets.beamform(ps, cvln, f, supports, true));
            firstRate = firstRate == null ? rate : firstRate;
            NDArray l = rate.mean().neg();
            loss = loss == null ? l : loss.add(l);
        }
        NDArray reward = firstRate.stopGradient().toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
        NDArray value = nets.value(ps, f, true);
        NDArray advantage = reward.sub(value.stopGradient());
        NDArray policyLoss = advantage.mul(d.logLikelihood()).mean().neg();
        NDArray criticLoss = value.sub(reward).square().mean();
        return policyLoss.add(criticLoss).add(loss);
    }

    private static <I> List<float[]> gradients(Policy<I> p, List<I> batch, boolean gc) {
        try (NDManager m = p.manager().newSubManager(); GradientCollector c = Engine.getInstance().newGradientCollector()) {
            NDArray loss = jointLoss(p, m, batch, 5L);
            if (gc) {
                for (int i = 0; i < 5; i++) {
                    System.gc();
                    for (int j = 0; j < 2000; j++) {
                        java.nio.ByteBuffer.allocateDirect(4).putFloat(0, 12345f);
                    }
                }
            }
            c.backward(loss);
            List<float[]> out = new ArrayList<>();
            for (Pair<String, Parameter> param : p.networks().getParameters()) {
                try (NDArray g = param.getValue().getArray().getGradient()) {
                    out.add(g.toFloatArray());
                    g.subi(g);
                }
            }
            return out;
        }
    }

    @Test
    void gradientsReachEveryTrainableParameter() {
        assertEveryParameterLearns(cellFree, new ModelConfig(16, 2, 1, 1, false, 10, 4, "dynamic", 1, true, true, 1), List.of());
        assertEveryParameterLearns(CellFreeEnv.preset(CellFreeConfig.TINY),
                new ModelConfig(16, 1, 1, 1, false, 10, 4, "gnn", 1, false, false, 1), List.of());
        assertEveryParameterLearns(cellFree, PolicyTestSupport.smallRefined(), List.of());
        assertEveryParameterLearns(movable, PolicyTestSupport.small(), List.of());
    }

    @Test
    void anUntrainedRefinementPassChangesNothing() {
        List<CellFreeInstance> batch = PolicyTestSupport.instances(cellFree, 6, 14L);
        try (Policy<CellFreeInstance> p = Policy.initialise(cellFree, PolicyTestSupport.smallRefined(), 14L);
             NDManager m = p.manager().newSubManager()) {
            List<Support> sets = PolicyTestSupport.randomSupports(cellFree, batch, 14L);
            CellFreeRzfCvln rzf = ((CellFreeNetworks) p.networks()).rzf();
            ParameterStore ps = new ParameterStore(m, false);
            org.alloc4j.encoder.CellFreeFeatures f = (org.alloc4j.encoder.CellFreeFeatures) p.networks().featurize(m, batch);
            NDArray served = CellFreeNetworks.served(m, f, sets);
            double[] refined = rzf.scores(ps, f, served, false).toDoubleArray();
            double[] first = rzf.firstPassScores(ps, f, served, false).toDoubleArray();
            assertThat(refined).containsExactly(first);
            PolicyTestSupport.perturbRefinements(p, 0.05, 14L);
            double[] moved = rzf.scores(ps, f, served, false).toDoubleArray();
            assertThat(moved).as("a refinement with weights changes z").isNotEqualTo(first);
        }
    }

    private <I> void assertEveryParameterLearns(Environment<I> env, ModelConfig config, List<String> exempt) {
        try (Policy<I> p = Policy.initialise(env, config, 6L)) {
            // a refinement's zero output layer would stop the gradient to its GNN at the first step
            PolicyTestSupport.perturbRefinements(p, 0.05, 6L);
            List<I> batch = PolicyTestSupport.instances(env, 8, 6L);
            List<float[]> g = gradients(p, batch, false);
            int i = 0;
            for (Pair<String, Parameter> param : p.networks().getParameters()) {
                float[] v = g.get(i++);
                double norm = 0;
                for (float x : v) {
                    norm += x * x;
                }
                if (!exempt.contains(param.getKey())) {
                    assertThat(norm).as("gradient of %s in %s", param.getKey(), env.id()).isPositive();
                }
            }
        }
    }

    @Test
    void gradientsAreIdenticalWithAndWithoutGarbageCollectionBeforeBackward() {
        try (Policy<CellFreeInstance> p = Policy.initialise(cellFree, PolicyTestSupport.small(), 7L)) {
            List<CellFreeInstance> batch = PolicyTestSupport.instances(cellFree, 8, 7L);
            List<float[]> a = gradients(p, batch, false);
            List<float[]> b = gradients(p, batch, true);
            for (int i = 0; i < a.size(); i++) {
                assertThat(b.get(i)).as("parameter %d", i).containsExactly(a.get(i));
            }
        }
    }

    /**
     * With a refinement pass, its own parameters are checked: the pass reads the first pass's z and
     * beams as data, so the first pass's gradient is by design not the full derivative.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 2})
    void backPropagationMatchesFiniteDifferencesOnATinyNetwork(int passes) {
        CellFreeEnv tiny = CellFreeEnv.preset(CellFreeConfig.TINY);
        ModelConfig config = new ModelConfig(8, 1, 1, 1, false, 10, 4, "dynamic", 1, false, false, passes);
        try (Policy<CellFreeInstance> p = Policy.initialise(tiny, config, 8L)) {
            List<CellFreeInstance> batch = PolicyTestSupport.instances(tiny, 4, 8L);
            List<Support> supports = PolicyTestSupport.randomSupports(tiny, batch, 8L);
            List<Parameter> params = p.networks().cvlnParameters(CellFreeNetworks.RZF);
            // biases start at exactly 0: a dead-ReLU row then sits exactly on a kink, where finite differences
            // are one-sided; move every parameter off such points first
            UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(8L);
            for (Parameter param : params) {
                float[] v = param.getArray().toFloatArray();
                for (int j = 0; j < v.length; j++) {
                    v[j] += (float) (0.1 * (rng.nextDouble() - 0.5));
                }
                param.getArray().set(v);
            }
            List<Parameter> refinement = new ArrayList<>();
            for (Pair<String, Parameter> e : p.networks().getParameters()) {
                if (e.getKey().contains("refine")) {
                    refinement.add(e.getValue());
                }
            }
            double[] analytic = new double[params.size()];
            try (NDManager m = p.manager().newSubManager(); GradientCollector c = Engine.getInstance().newGradientCollector()) {
                c.backward(rateLoss(p, m, batch, supports));
                for (int i = 0; i < params.size(); i++) {
                    try (NDArray g = params.get(i).getArray().getGradient()) {
                        analytic[i] = g.toFloatArray()[0];
                    }
                }
                c.zeroGradients();
            }
            int checked = 0;
            for (int i = 0; i < params.size(); i++) {
                NDArray arr = params.get(i).getArray();
                float[] values = arr.toFloatArray();
                // central differences at three step sizes: a large step may cross a ReLU kink (shared biases
                // move every edge), a small one drowns in float32 rounding; one of them must agree
                double best = Double.POSITIVE_INFINITY;
                double numeric = 0;
                for (double rel : new double[] {1e-3, 3e-4, 1e-4}) {
                    double eps = rel * Math.max(1, Math.abs(values[0]));
                    double d = (perturbed(p, batch, supports, arr, values, eps)
                            - perturbed(p, batch, supports, arr, values, -eps)) / (2 * eps);
                    if (Math.abs(d - analytic[i]) < best) {
                        best = Math.abs(d - analytic[i]);
                        numeric = d;
                    }
                }
                arr.set(values);
                // float32 rounding limits the finite differences to about 1e-4 here
                if (Math.abs(numeric) > 3e-3 && (passes == 1 || refinement.contains(params.get(i)))) {
                    assertThat(analytic[i]).as("d loss / d %s[0] (parameter %d)", params.get(i).getName(), i)
                            .isCloseTo(numeric, within(0.05 * Math.abs(numeric) + 2e-4));
                    checked++;
                }
            }
            assertThat(checked).as("parameters with a measurable derivative").isGreaterThan(passes == 1 ? 10 : 5);
        }
    }

    private static double perturbed(Policy<CellFreeInstance> p, List<CellFreeInstance> batch, List<Support> supports,
                                    NDArray arr, float[] values, double eps) {
        float[] v = values.clone();
        v[0] += (float) eps;
        arr.set(v);
        try (NDManager m = p.manager().newSubManager()) {
            return rateLoss(p, m, batch, supports).getDouble();
        }
    }

    private static NDArray rateLoss(Policy<CellFreeInstance> p, NDManager m, List<CellFreeInstance> batch, List<Support> supports) {
        ParameterStore ps = new ParameterStore(m, false);
        Features f = p.networks().featurize(m, batch);
        return p.networks().sumRate(f, supports, p.networks().beamform(ps, CellFreeNetworks.RZF, f, supports, true)).mean().neg();
    }

    @Test
    void saveThenLoadGivesIdenticalDecisionsAndBeamformers(@TempDir Path dir) throws Exception {
        List<CellFreeInstance> batch = PolicyTestSupport.instances(cellFree, 10, 9L);
        Path file = dir.resolve("model.ckpt");
        List<Support> before;
        List<ComplexArray> beams;
        try (Policy<CellFreeInstance> p = Policy.initialise(cellFree, PolicyTestSupport.small(), 9L)) {
            before = p.decode(batch);
            beams = p.beamform(CellFreeNetworks.RZF, batch, before);
            p.save(file);
        }
        try (Policy<CellFreeInstance> q = Policy.load(cellFree, file)) {
            assertThat(q.decode(batch)).isEqualTo(before);
            List<ComplexArray> again = q.beamform(CellFreeNetworks.RZF, batch, before);
            for (int i = 0; i < batch.size(); i++) {
                assertThat(again.get(i).realParts()).containsExactly(beams.get(i).realParts());
                assertThat(again.get(i).imagParts()).containsExactly(beams.get(i).imagParts());
            }
        }
    }

    @Test
    void aCheckpointThatPredatesTheStructureFeaturesReadsAsWithoutThem() {
        com.google.gson.JsonObject header = new com.google.gson.JsonObject();
        com.google.gson.JsonObject model = new com.google.gson.JsonObject();
        org.alloc4j.envs.ConfigRecords.toMap(ModelConfig.defaults()).forEach(model::addProperty);
        assertThat(ModelCheckpoint.modelConfig(withModel(header, model)).structureFeatures()).isTrue();
        model.remove("structureFeatures");
        assertThat(ModelCheckpoint.modelConfig(withModel(header, model)).structureFeatures()).isFalse();
        assertThat(ModelCheckpoint.modelConfig(withModel(header, model)).width()).isEqualTo(ModelConfig.defaults().width());
    }

    private static com.google.gson.JsonObject withModel(com.google.gson.JsonObject header, com.google.gson.JsonObject model) {
        header.add("model", model.deepCopy());
        return header;
    }

    @Test
    void loadingAnotherArchitectureOrABrokenFileFailsClearly(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("model.ckpt");
        try (Policy<CellFreeInstance> p = Policy.initialise(cellFree, PolicyTestSupport.small(), 10L)) {
            p.save(file);
            var sections = ModelCheckpoint.readSections(file);
            try (Policy<CellFreeInstance> other = Policy.initialise(cellFree,
                    new ModelConfig(32, 2, 1, 1, false, 10, 4, "dynamic", 1, false, false, 1), 1L)) {
                assertThatThrownBy(() -> ModelCheckpoint.loadInto(sections, other.networks(), other.manager()))
                        .isInstanceOf(ModelCheckpoint.CheckpointException.class)
                        .hasMessageContaining("model field 'width'").hasMessageContaining("saved 16");
            }
            CellFreeEnv fourAntennas = new CellFreeEnv(cellFree.config().with(java.util.Map.of("antennasPerAp", "4")));
            assertThatThrownBy(() -> Policy.load(fourAntennas, file)).hasMessageContaining("antennasPerAp");
        }
        byte[] bytes = Files.readAllBytes(file);
        Path truncated = dir.resolve("truncated.ckpt");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> Policy.load(cellFree, truncated)).isInstanceOf(ModelCheckpoint.CheckpointException.class)
                .hasMessageContaining("corrupted or truncated");
        Path flipped = dir.resolve("flipped.ckpt");
        byte[] bad = bytes.clone();
        bad[bad.length / 2] ^= 0x5A;
        Files.write(flipped, bad);
        assertThatThrownBy(() -> Policy.load(cellFree, flipped)).isInstanceOf(ModelCheckpoint.CheckpointException.class)
                .hasMessageContaining("corrupted");
    }

    @Test
    void everyContinuousNetworkHasFiniteGradientsWhenSomeUsersAndApsAreUnserved() {
        ModelConfig withJoint = new ModelConfig(16, 2, 1, 1, false, 10, 4, "dynamic", 1, true, true, 1);
        List<CellFreeInstance> batch = PolicyTestSupport.instances(cellFree, 6, 12L);
        // UE 5 and AP 7 unserved everywhere, and one set empty
        List<Support> supports = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            supports.add(i == 0 ? Support.empty() : Support.of(cellFree.link(0, 0), cellFree.link(1, 0), cellFree.link(2, 1),
                    cellFree.link(3, 2), cellFree.link(4, 3), cellFree.link(5, 4)));
        }
        try (Policy<CellFreeInstance> p = Policy.initialise(cellFree, withJoint, 12L)) {
            for (String cvln : p.networks().cvlnNames()) {
                try (NDManager m = p.manager().newSubManager()) {
                    try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
                        Features f = p.networks().featurize(m, batch);
                        ParameterStore ps = new ParameterStore(m, false);
                        c.backward(p.networks().sumRate(f, supports, p.networks().beamform(ps, cvln, f, supports, true))
                                .mean().neg());
                    }
                    for (Parameter param : p.networks().cvlnParameters(cvln)) {
                        try (NDArray g = param.getArray().getGradient()) {
                            for (float v : g.toFloatArray()) {
                                assertThat(Float.isFinite(v)).as("%s gradient of %s", cvln, param.getName()).isTrue();
                            }
                            g.subi(g);
                        }
                    }
                }
            }
        }
    }
}
