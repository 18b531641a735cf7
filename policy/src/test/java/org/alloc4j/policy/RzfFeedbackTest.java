package org.alloc4j.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.alloc4j.encoder.CellFreeFeatures;
import org.alloc4j.envs.Solution;
import org.alloc4j.envs.Support;
import org.alloc4j.envs.cellfree.CellFreeConfig;
import org.alloc4j.envs.cellfree.CellFreeEnv;
import org.alloc4j.envs.cellfree.CellFreeInstance;
import org.alloc4j.envs.math.ComplexArray;
import org.junit.jupiter.api.Test;

/** The feedback a refinement pass of {@code cvln-rzf} reads: tensor form, host form, and the sum rate. */
class RzfFeedbackTest {

    @Test
    void tensorAndHostFeedbackAgreeAndTheRatesAddUpToTheSumRate() {
        CellFreeEnv env = CellFreeEnv.preset(CellFreeConfig.DEFAULT);
        List<CellFreeInstance> batch = PolicyTestSupport.instances(env, 6, 21L);
        List<Support> sets = PolicyTestSupport.randomSupports(env, batch, 21L);
        try (Policy<CellFreeInstance> p = Policy.initialise(env, PolicyTestSupport.small(), 21L);
             NDManager m = p.manager().newSubManager()) {
            CellFreeFeatures f = (CellFreeFeatures) p.networks().featurize(m, batch);
            Beams w = p.networks().beamform(new ParameterStore(m, false), CellFreeNetworks.RZF, f, sets, false);
            float[] tensor = RzfFeedback.of(f, w).toFloatArray();
            int per = env.config().candidateCount() * RzfFeedback.WIDTH;
            int k = env.config().users();
            for (int i = 0; i < batch.size(); i++) {
                CellFreeInstance inst = batch.get(i);
                ComplexArray beam = p.networks().beamformer(w, i, inst, sets.get(i));
                float[] host = RzfFeedback.ofHost(inst, beam.realParts(), beam.imagParts());
                for (int j = 0; j < host.length; j++) {
                    assertThat(host[j]).as("instance %d feature %d", i, j).isCloseTo(tensor[i * per + j], within(1e-4f));
                }
                // index 5 holds user k's rate / 4 on every link of k: summed over the users, the sum rate
                double rate = 0;
                for (int u = 0; u < k; u++) {
                    rate += 4 * host[u * RzfFeedback.WIDTH + 5];
                }
                assertThat(rate).as("instance %d", i)
                        .isCloseTo(env.sumRate(inst, new Solution(sets.get(i), beam)), within(1e-4 * (1 + rate)));
                for (int a = 0; a < inst.aps(); a++) {
                    assertThat(host[a * k * RzfFeedback.WIDTH + 6]).as("budget share of AP %d", a).isBetween(0f, 1.0001f);
                }
            }
        }
    }
}
