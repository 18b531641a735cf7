package org.alloc4j.policy;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.alloc4j.baselines.DownlinkBeamformer;
import org.alloc4j.baselines.MaximumRatio;
import org.alloc4j.decoder.DecodeResult;
import org.alloc4j.decoder.Sampling;
import org.alloc4j.encoder.Features;
import org.alloc4j.encoder.Tensors;
import org.alloc4j.envs.Solution;
import org.alloc4j.envs.Support;
import org.alloc4j.envs.cellfree.CellFreeEnv;
import org.alloc4j.envs.cellfree.CellFreeInstance;
import org.alloc4j.envs.testing.Fixtures;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/**
 * SPEC §1 "non-SPSD": two UEs with identical channels at one AP that may serve both. With maximum-ratio
 * beams, serving one (2.32 bit/s/Hz) beats serving both (1.47), so once weights favour the twins the
 * policy must take one and then stop — which a network scoring candidates independently of what was
 * chosen could not do deterministically. Weights are obtained by a short REINFORCE run.
 */
class NonSpsdDecodingTest {

    @Test
    void afterLearningGreedyDecodingServesExactlyOneOfTwoIdenticalUsers() {
        CellFreeEnv env = new CellFreeEnv(Fixtures.oneApOneSlotTwoUsers().config().with(java.util.Map.of("maxUsersPerAp", "2")));
        CellFreeInstance twins = Fixtures.identicalUsers(0.8, -0.6, 4.0);
        var mrt = DownlinkBeamformer.cellFree(new MaximumRatio());
        double one = env.sumRate(twins, new Solution(Support.of(0), mrt.beamform(twins, Support.of(0))));
        double both = env.sumRate(twins, new Solution(Support.of(0, 1), mrt.beamform(twins, Support.of(0, 1))));
        assertThat(one).isGreaterThan(both + 0.5);
        List<CellFreeInstance> batch = Collections.nCopies(64, twins);
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(11L);
        try (Policy<CellFreeInstance> p = Policy.initialise(env, PolicyTestSupport.small(), 11L)) {
            List<Parameter> params = p.networks().dvlnParameters();
            for (int it = 0; it < 60; it++) {
                try (NDManager m = p.manager().newSubManager()) {
                    try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
                    Features f = p.networks().featurize(m, batch);
                    DecodeResult d = p.networks().decode(new ParameterStore(m, false), f, batch, new Sampling(rng), true);
                    float[] reward = new float[batch.size()];
                    double mean = 0;
                    for (int r = 0; r < batch.size(); r++) {
                        int size = d.support(r).size();
                        reward[r] = (float) (size == 0 ? 0 : size == 1 ? one : both);
                        mean += reward[r] / batch.size();
                    }
                    for (int r = 0; r < reward.length; r++) {
                        reward[r] -= (float) mean;
                    }

                    NDArray advantage = Tensors.floats(m, reward, new Shape(batch.size()));
                    c.backward(advantage.mul(d.logLikelihood()).mean().neg());
                    }
                    // parameters change only outside the collector: in-place updates of leaves are not recorded
                    for (Parameter param : params) {
                        try (NDArray g = param.getArray().getGradient()) {
                            param.getArray().subi(g.mul(0.01f));
                            g.subi(g);
                        }
                    }
                }
            }
            List<Support> greedy = p.decode(List.of(twins));
            assertThat(greedy.get(0).size()).as("greedy set " + greedy.get(0)).isEqualTo(1);
        }
    }
}
