package org.alloc4j.policy;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import org.alloc4j.decoder.DecodeResult;
import org.alloc4j.decoder.Greedy;
import org.alloc4j.encoder.Features;
import org.alloc4j.envs.cellfree.CellFreeConfig;
import org.alloc4j.envs.cellfree.CellFreeEnv;
import org.alloc4j.envs.cellfree.CellFreeInstance;
import org.alloc4j.envs.Environment;
import org.alloc4j.envs.movable.MovableAntennaConfig;
import org.alloc4j.envs.movable.MovableAntennaEnv;
import org.alloc4j.envs.movable.MovableAntennaInstance;
import org.alloc4j.envs.testing.Fixtures;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** Greedy decoding on the host computes the same function as the lock-step tensor decoder. */
class HostDecodingTest {

    @Test
    void hostAndTensorGreedyDecodingAgreeOnSetsAndLikelihoods() {
        for (String preset : List.of(CellFreeConfig.TINY, CellFreeConfig.DEFAULT, CellFreeConfig.LARGE)) {
            CellFreeEnv env = CellFreeEnv.preset(preset);
            List<CellFreeInstance> instances = withTwins(env, 150, 30, 11L);
            for (ModelConfig config : List.of(PolicyTestSupport.small(), ModelConfig.defaults())) {
                assertHostStepsDecideAsTensorSteps(env, instances, config);
            }
        }
    }

    /** The glimpse context's host steps, with its mask inside the attention, on both movable-antenna presets. */
    @Test
    void movableAntennaHostAndTensorGreedyDecodingAgree() {
        for (String preset : List.of(MovableAntennaConfig.TINY, MovableAntennaConfig.DEFAULT)) {
            MovableAntennaEnv env = MovableAntennaEnv.preset(preset);
            List<MovableAntennaInstance> instances = PolicyTestSupport.instances(env, 150, 21L);
            for (ModelConfig config : List.of(PolicyTestSupport.small(), ModelConfig.defaults())) {
                assertHostStepsDecideAsTensorSteps(env, instances, config);
            }
        }
    }

    /** Encoder on tensors, then steps on the host against every step on tensors: same sets, likelihoods, entropies. */
    private static <I> void assertHostStepsDecideAsTensorSteps(Environment<I> env, List<I> instances, ModelConfig config) {
        try (Policy<I> p = Policy.initialise(env, config, 5L); NDManager sub = p.manager().newSubManager()) {
            ParameterStore ps = new ParameterStore(sub, false);
            Features f = p.networks().featurize(sub, instances);
            DecodeResult host = p.networks().decode(ps, f, instances, new Greedy(), false);
            DecodeResult device = p.networks().decode(ps, f, instances, Greedy.onDevice(), false);
            float[] llHost = host.logLikelihood().toFloatArray();
            float[] llDevice = device.logLikelihood().toFloatArray();
            float[] hHost = host.entropy().toFloatArray();
            float[] hDevice = device.entropy().toFloatArray();
            String label = env.id() + " d = " + config.width();
            for (int r = 0; r < instances.size(); r++) {
                assertThat(host.support(r)).as("%s row %d", label, r).isEqualTo(device.support(r));
                assertThat(llHost[r]).as("log-likelihood, %s row %d", label, r)
                        .isCloseTo(llDevice[r], Offset.offset(1e-3f * (1 + Math.abs(llDevice[r]))));
                assertThat(hHost[r]).as("entropy, %s row %d", label, r)
                        .isCloseTo(hDevice[r], Offset.offset(1e-3f * (1 + Math.abs(hDevice[r]))));
            }
            assertThat(host.steps()).isEqualTo(device.steps());
        }
    }

    /**
     * The whole host path (host encoder, host decoding, host {@code cvln-rzf}) makes the same sets and
     * the same beamformers as the tensor path, on tiny, v1 and large, at two widths, with the structure
     * features and with a refinement pass (its weights moved off their zero start); the beamformers
     * pass the environment's checker.
     */
    @Test
    void hostSnapshotDecidesAsTheTensorPath() {
        for (String preset : List.of(CellFreeConfig.TINY, CellFreeConfig.DEFAULT, CellFreeConfig.LARGE)) {
            CellFreeEnv env = CellFreeEnv.preset(preset);
            List<CellFreeInstance> instances = withTwins(env, 40, 10, 12L);
            for (ModelConfig config : List.of(PolicyTestSupport.small(), ModelConfig.defaults(), PolicyTestSupport.smallRefined())) {
                assertSnapshotDecidesAsTensors(env, instances, config, CellFreeNetworks.RZF);
            }
        }
    }

    /** The same for movable antennas: host encoder, host glimpse decoding, host structure {@code cvln}. */
    @Test
    void movableAntennaSnapshotDecidesAsTheTensorPath() {
        for (String preset : List.of(MovableAntennaConfig.TINY, MovableAntennaConfig.DEFAULT)) {
            MovableAntennaEnv env = MovableAntennaEnv.preset(preset);
            List<MovableAntennaInstance> instances = PolicyTestSupport.instances(env, 40, 22L);
            for (ModelConfig config : List.of(PolicyTestSupport.small(), ModelConfig.defaults())) {
                assertSnapshotDecidesAsTensors(env, instances, config, MovableAntennaNetworks.STRUCTURE);
            }
        }
    }

    private static <I> void assertSnapshotDecidesAsTensors(Environment<I> env, List<I> instances, ModelConfig config,
                                                           String cvln) {
        try (Policy<I> p = Policy.initialise(env, config, 6L)) {
            PolicyTestSupport.perturbRefinements(p, 0.05, 6L);
            HostSnapshot<I> host = p.hostSnapshot();
            assertThat(host).isNotNull();
            assertThat(p.networks().hostCvlns()).containsExactly(cvln);
            String label = env.id() + " d = " + config.width();
            List<org.alloc4j.envs.Support> sets = host.decode(instances);
            assertThat(sets).as(label).isEqualTo(p.decode(instances, Greedy.onDevice()));
            List<org.alloc4j.envs.math.ComplexArray> wHost = host.beamform(cvln, instances, sets);
            List<org.alloc4j.envs.math.ComplexArray> wTensor = p.beamform(cvln, instances, sets);
            for (int i = 0; i < instances.size(); i++) {
                double[] a = wHost.get(i).realParts();
                double[] b = wTensor.get(i).realParts();
                double[] c = wHost.get(i).imagParts();
                double[] d = wTensor.get(i).imagParts();
                double scale = Math.sqrt(org.alloc4j.envs.math.Units.dbmToWatts(env.powerDbm(instances.get(i))));
                assertThat(a.length).isEqualTo(b.length);
                for (int j = 0; j < a.length; j++) {
                    assertThat(a[j]).as("%s instance %d Re w[%d]", label, i, j).isCloseTo(b[j], Offset.offset(1e-4 * scale));
                    assertThat(c[j]).as("%s instance %d Im w[%d]", label, i, j).isCloseTo(d[j], Offset.offset(1e-4 * scale));
                }
                assertThat(env.checker().check(instances.get(i),
                        new org.alloc4j.envs.Solution(sets.get(i), wHost.get(i))).feasible()).isTrue();
            }
        }
    }

    @Test
    void theSnapshotTakesOnlySmallBatchesOfSmallNetworks() {
        CellFreeEnv v1 = CellFreeEnv.preset(CellFreeConfig.DEFAULT);
        CellFreeEnv large = CellFreeEnv.preset(CellFreeConfig.LARGE);
        ModelConfig wide = new ModelConfig(128, 1, 1, 1, false, 10, 8, "dynamic", 1, false, true, 1);
        try (Policy<CellFreeInstance> p = Policy.initialise(v1, ModelConfig.defaults(), 7L);
             Policy<CellFreeInstance> mid = Policy.initialise(v1, ModelConfig.defaults().withWidth(160), 7L);
             Policy<CellFreeInstance> q = Policy.initialise(large, ModelConfig.defaults(), 7L);
             Policy<CellFreeInstance> r = Policy.initialise(large, wide, 7L)) {
            List<CellFreeInstance> three = PolicyTestSupport.instances(v1, 3, 13L);
            assertThat(p.hostSnapshot().faster(three)).as("M·K·d² = 196 608, any batch").isTrue();
            assertThat(q.hostSnapshot().faster(PolicyTestSupport.instances(large, 3, 13L))).as("M·K·d² = 786 432, any batch").isTrue();
            assertThat(mid.hostSnapshot().faster(three.subList(0, 1))).as("M·K·d² = 1 228 800, small batches").isTrue();
            assertThat(mid.hostSnapshot().faster(three.subList(0, Policy.HOST_BATCH_LIMIT))).isTrue();
            assertThat(mid.hostSnapshot().faster(three)).isFalse();
            assertThat(r.hostSnapshot().faster(PolicyTestSupport.instances(large, 1, 13L))).as("M·K·d² = 3 145 728").isFalse();
        }
        MovableAntennaEnv ma = MovableAntennaEnv.preset(MovableAntennaConfig.DEFAULT);
        try (Policy<MovableAntennaInstance> small = Policy.initialise(ma,
                new ModelConfig(16, 1, 1, 1, false, 10, 8, "dynamic", 1, false, true, 1), 7L);
             Policy<MovableAntennaInstance> wider = Policy.initialise(ma,
                     new ModelConfig(32, 1, 1, 1, false, 10, 8, "dynamic", 1, false, true, 1), 7L)) {
            List<MovableAntennaInstance> three = PolicyTestSupport.instances(ma, 3, 13L);
            assertThat(small.hostSnapshot().faster(three)).as("Q·K·d² = 82 944, any batch").isTrue();
            assertThat(wider.hostSnapshot().faster(three)).as("Q·K·d² = 331 776, small batches only").isFalse();
            assertThat(wider.hostSnapshot().faster(three.subList(0, 1))).isTrue();
        }
    }

    /**
     * The host path computes a group's graphs together; a batch of mixed sizes is an error (in decoding
     * the environment's), not a wrong answer.
     */
    @Test
    void theSnapshotRejectsABatchOfMixedSizes() {
        CellFreeEnv v1 = CellFreeEnv.preset(CellFreeConfig.DEFAULT);
        try (Policy<CellFreeInstance> p = Policy.initialise(v1, ModelConfig.defaults(), 7L)) {
            List<CellFreeInstance> mixed = new ArrayList<>(PolicyTestSupport.instances(v1, 2, 13L));
            mixed.add(PolicyTestSupport.instances(CellFreeEnv.preset(CellFreeConfig.TINY), 1, 13L).get(0));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> p.hostSnapshot().decode(mixed))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("M=3, K=3, N=2").hasMessageContaining("does not match the environment's sizes M=8, K=6, N=2");
            List<org.alloc4j.envs.Support> sets = new ArrayList<>(p.hostSnapshot().decode(mixed.subList(0, 2)));
            sets.add(org.alloc4j.envs.Support.fromIndicator(new boolean[9]));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> p.hostSnapshot().beamform(CellFreeNetworks.RZF, mixed, sets))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("instance 2 is CellFreeInstance[M=3, K=3");
        }
    }

    @Test
    void networksWithoutAHostPathHaveNoSnapshot() {
        CellFreeEnv env = CellFreeEnv.preset(CellFreeConfig.TINY);
        try (Policy<CellFreeInstance> p = Policy.initialise(env,
                new ModelConfig(16, 1, 1, 1, false, 10, 4, "gnn", 1, false, true, 1), 6L)) {
            assertThat(p.hostSnapshot()).isNull();
            assertThat(p.networks().hostCvlns()).isEmpty();
        }
    }

    /** {@code n} seeded instances plus, for the first {@code twins}, a copy whose UEs 0 and 1 coincide (ties). */
    private static List<CellFreeInstance> withTwins(CellFreeEnv env, int n, int twins, long seed) {
        List<CellFreeInstance> instances = new ArrayList<>(PolicyTestSupport.instances(env, n, seed));
        for (int i = 0; i < twins; i++) {
            instances.add(Fixtures.withIdenticalUsers(instances.get(i), 0, 1));
        }
        return instances;
    }
}
