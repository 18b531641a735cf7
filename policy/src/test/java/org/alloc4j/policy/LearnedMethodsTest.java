package org.alloc4j.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        // cell-free-v1 at d = 160 (M·K·d² = 1 228 800) on tensors, 20 instances in chunks of 8: three native
        // batches, the last partial; at d = 16 on the host snapshot at any batch (two groups, the last partial)
        check(CellFreeEnv.preset(CellFreeConfig.DEFAULT), PolicyTestSupport.smallRefined().withWidth(160), 20, 8, false);
        check(CellFreeEnv.preset(CellFreeConfig.DEFAULT), PolicyTestSupport.smallRefined(), 20, 8, true);
        // movable antennas at d = 32 on tensors in chunks of 8; at d = 16 on the host snapshot at any batch
        check(MovableAntennaEnv.preset(MovableAntennaConfig.DEFAULT),
                new ModelConfig(32, 2, 1, 1, false, 10, 4, "dynamic", 1, false, true, 1), 20, 8, false);
        check(MovableAntennaEnv.preset(MovableAntennaConfig.DEFAULT), PolicyTestSupport.small(), 20, 8, true);
    }

    @Test
    void inferenceChunksHoldAboutTwoMillionEdgeElementsUpToTheRowLimit() {
        try (Policy<?> cf = Policy.initialise(CellFreeEnv.preset(CellFreeConfig.DEFAULT), PolicyTestSupport.small(), 1L);
             Policy<?> ma = Policy.initialise(MovableAntennaEnv.preset(MovableAntennaConfig.DEFAULT), PolicyTestSupport.small(), 1L)) {
            // cell-free-v1 at d = 16: 48 links · 16 = 768 elements per row, 2 730 rows, so the limit of 1 024
            assertThat(cf.inferenceChunk(1)).isEqualTo(Policy.MAX_CHUNK_ROWS);
            assertThat(cf.inferenceChunk(4)).isEqualTo(Policy.MAX_CHUNK_ROWS / 4);
            assertThat(cf.inferenceChunk(4096)).isEqualTo(1);
            // movable-antenna-v1 at d = 16: 81 positions · 4 UEs · 16 = 5 184 elements per row
            assertThat(ma.inferenceChunk(1)).isEqualTo((int) (Policy.CHUNK_ELEMENTS / 5184));
            assertThat(ma.inferenceChunk(3)).isEqualTo((int) (Policy.CHUNK_ELEMENTS / 5184) / 3);
            cf.setInferenceChunk(10);
            assertThat(cf.inferenceChunk(4)).isEqualTo(10);
            cf.setInferenceChunk(0);
            assertThat(cf.inferenceChunk(1)).isEqualTo(Policy.MAX_CHUNK_ROWS);
            assertThatThrownBy(() -> cf.setInferenceChunk(-1)).hasMessageContaining("inference chunk").hasMessageContaining(">= 0");
        }
    }

    /**
     * @param onHost whether the policy's host snapshot takes the whole batch for the continuous networks it
     *               has (else, and for the others, the tensor path does)
     */
    private static <I> void check(Environment<I> env, ModelConfig config, int count, int chunk, boolean onHost) {
        List<I> instances = PolicyTestSupport.instances(env, count, 21L);
        try (Policy<I> p = Policy.initialise(env, config, 7L)) {
            p.setInferenceChunk(chunk);
            PolicyTestSupport.perturbRefinements(p, 0.05, 7L);
            MethodCatalog<I> catalog = LearnedMethods.register(MethodCatalog.classical(env), p);
            for (String cvln : p.networks().cvlnNames()) {
                String name = "learned+" + cvln;
                assertThat(catalog.jointNames()).contains(name);
                Allocator<I> joint = catalog.create(name, MethodCatalog.Context.of(1));
                assertThat(joint.name()).isEqualTo(name);
                List<Allocation> got = joint.allocateAll(instances);
                HostSnapshot<I> host = p.networks().hostCvlns().contains(cvln) ? p.hostSnapshot() : null;
                boolean hostHere = onHost && host != null;
                assertThat(host != null && host.faster(instances)).as("%s %s on the host", env.id(), name).isEqualTo(hostHere);
                List<Support> sets = hostHere ? host.decode(instances) : p.decode(instances);
                List<ComplexArray> beams = hostHere ? host.beamform(cvln, instances, sets) : p.beamform(cvln, instances, sets);
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
