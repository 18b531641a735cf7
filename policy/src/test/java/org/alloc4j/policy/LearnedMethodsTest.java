package org.alloc4j.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.alloc4j.baselines.Allocation;
import org.alloc4j.baselines.Allocator;
import org.alloc4j.baselines.MethodCatalog;
import org.alloc4j.envs.Environment;
import org.alloc4j.envs.Solution;
import org.alloc4j.envs.Support;
import org.alloc4j.envs.cellfree.CellFreeConfig;
import org.alloc4j.envs.cellfree.CellFreeEnv;
import org.alloc4j.envs.math.ComplexArray;
import org.alloc4j.envs.movable.MovableAntennaConfig;
import org.alloc4j.envs.movable.MovableAntennaEnv;
import org.junit.jupiter.api.Test;

/**
 * {@code learned+<cvln>} (one featurisation per chunk, {@link Policy#allocate}) gives the same solutions
 * as greedy decoding followed by the continuous network, each featurising on its own.
 */
class LearnedMethodsTest {

    @Test
    void learnedWithItsOwnNetworkIsDecodingThenBeamforming() {
        // 130 instances: two chunks of Policy.INFERENCE_CHUNK, the second partial
        check(CellFreeEnv.preset(CellFreeConfig.DEFAULT), PolicyTestSupport.smallRefined(), 130);
        check(MovableAntennaEnv.preset(MovableAntennaConfig.DEFAULT), PolicyTestSupport.small(), 20);
    }

    private static <I> void check(Environment<I> env, ModelConfig config, int count) {
        List<I> instances = PolicyTestSupport.instances(env, count, 21L);
        try (Policy<I> p = Policy.initialise(env, config, 7L)) {
            PolicyTestSupport.perturbRefinements(p, 0.05, 7L);
            MethodCatalog<I> catalog = LearnedMethods.register(MethodCatalog.classical(env), p);
            for (String cvln : p.networks().cvlnNames()) {
                String name = "learned+" + cvln;
                assertThat(catalog.jointNames()).contains(name);
                Allocator<I> joint = catalog.create(name, MethodCatalog.Context.of(1));
                assertThat(joint.name()).isEqualTo(name);
                List<Allocation> got = joint.allocateAll(instances);
                List<Support> sets = p.decode(instances);
                List<ComplexArray> beams = p.beamform(cvln, instances, sets);
                for (int i = 0; i < count; i++) {
                    Solution s = got.get(i).solution();
                    assertThat(s.support()).as("%s %s instance %d", env.id(), name, i).isEqualTo(sets.get(i));
                    assertThat(s.beamformer().realParts()).as("%s %s instance %d", env.id(), name, i)
                            .containsExactly(beams.get(i).realParts());
                    assertThat(s.beamformer().imagParts()).containsExactly(beams.get(i).imagParts());
                    assertThat(env.checker().check(instances.get(i), s).feasible()).isTrue();
                }
            }
        }
    }
}
