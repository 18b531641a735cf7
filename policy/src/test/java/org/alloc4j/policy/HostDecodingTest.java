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
                try (Policy<CellFreeInstance> p = Policy.initialise(env, config, 5L);
                     NDManager sub = p.manager().newSubManager()) {
                    ParameterStore ps = new ParameterStore(sub, false);
                    Features f = p.networks().featurize(sub, instances);
                    DecodeResult host = p.networks().decode(ps, f, instances, new Greedy(), false);
                    DecodeResult device = p.networks().decode(ps, f, instances, Greedy.onDevice(), false);
                    float[] llHost = host.logLikelihood().toFloatArray();
                    float[] llDevice = device.logLikelihood().toFloatArray();
                    float[] hHost = host.entropy().toFloatArray();
                    float[] hDevice = device.entropy().toFloatArray();
                    for (int r = 0; r < instances.size(); r++) {
                        assertThat(host.support(r)).as("%s row %d", preset, r).isEqualTo(device.support(r));
                        assertThat(llHost[r]).as("log-likelihood, %s row %d", preset, r)
                                .isCloseTo(llDevice[r], Offset.offset(1e-3f * (1 + Math.abs(llDevice[r]))));
                        assertThat(hHost[r]).as("entropy, %s row %d", preset, r)
                                .isCloseTo(hDevice[r], Offset.offset(1e-3f * (1 + Math.abs(hDevice[r]))));
                    }
                    assertThat(host.steps()).isEqualTo(device.steps());
                }
            }
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
                try (Policy<CellFreeInstance> p = Policy.initialise(env, config, 6L)) {
                    PolicyTestSupport.perturbRefinements(p, 0.05, 6L);
                    HostSnapshot<CellFreeInstance> host = p.hostSnapshot();
                    assertThat(host).isNotNull();
                    assertThat(p.networks().hostCvlns()).containsExactly(CellFreeNetworks.RZF);
                    List<org.alloc4j.envs.Support> sets = host.decode(instances);
                    assertThat(sets).as(preset).isEqualTo(p.decode(instances, Greedy.onDevice()));
                    List<org.alloc4j.envs.math.ComplexArray> wHost = host.beamform(CellFreeNetworks.RZF, instances, sets);
                    List<org.alloc4j.envs.math.ComplexArray> wTensor = p.beamform(CellFreeNetworks.RZF, instances, sets);
                    for (int i = 0; i < instances.size(); i++) {
                        double[] a = wHost.get(i).realParts();
                        double[] b = wTensor.get(i).realParts();
                        double[] c = wHost.get(i).imagParts();
                        double[] d = wTensor.get(i).imagParts();
                        double scale = Math.sqrt(instances.get(i).powerW());
                        for (int j = 0; j < a.length; j++) {
                            assertThat(a[j]).as("%s instance %d Re w[%d]", preset, i, j).isCloseTo(b[j], Offset.offset(1e-4 * scale));
                            assertThat(c[j]).as("%s instance %d Im w[%d]", preset, i, j).isCloseTo(d[j], Offset.offset(1e-4 * scale));
                        }
                        assertThat(env.checker().check(instances.get(i),
                                new org.alloc4j.envs.Solution(sets.get(i), wHost.get(i))).feasible()).isTrue();
                    }
                }
            }
        }
    }

    @Test
    void theSnapshotTakesOnlySmallBatchesOfSmallNetworks() {
        CellFreeEnv v1 = CellFreeEnv.preset(CellFreeConfig.DEFAULT);
        CellFreeEnv large = CellFreeEnv.preset(CellFreeConfig.LARGE);
        try (Policy<CellFreeInstance> p = Policy.initialise(v1, ModelConfig.defaults(), 7L);
             Policy<CellFreeInstance> q = Policy.initialise(large, ModelConfig.defaults(), 7L)) {
            List<CellFreeInstance> three = PolicyTestSupport.instances(v1, 3, 13L);
            assertThat(p.hostSnapshot().faster(three.subList(0, 1))).isTrue();
            assertThat(p.hostSnapshot().faster(three.subList(0, Policy.HOST_BATCH_LIMIT))).isTrue();
            assertThat(p.hostSnapshot().faster(three)).isFalse();
            assertThat(q.hostSnapshot().faster(PolicyTestSupport.instances(large, 1, 13L))).as("M·K·d² = 786 432").isFalse();
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
