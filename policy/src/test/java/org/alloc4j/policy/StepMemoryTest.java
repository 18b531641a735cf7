package org.alloc4j.policy;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.alloc4j.decoder.BeamSearch;
import org.alloc4j.decoder.DecodeResult;
import org.alloc4j.decoder.DecodingStrategy;
import org.alloc4j.decoder.Greedy;
import org.alloc4j.encoder.Features;
import org.alloc4j.envs.cellfree.CellFreeConfig;
import org.alloc4j.envs.cellfree.CellFreeEnv;
import org.alloc4j.envs.cellfree.CellFreeInstance;
import org.junit.jupiter.api.Test;

/** Outside training, the arrays of a decoding step are freed when the step ends. */
class StepMemoryTest {

    @Test
    void arraysLeftAfterInferenceDecodingDoNotGrowWithTheNumberOfSteps() {
        CellFreeEnv env = CellFreeEnv.preset(CellFreeConfig.LARGE);
        List<CellFreeInstance> instances = PolicyTestSupport.instances(env, 4, 3L);
        for (String context : List.of("dynamic", "gnn")) {
            ModelConfig config = new ModelConfig(16, 1, 1, 1, false, 10, 4, context, 1, false, false, 1);
            try (Policy<CellFreeInstance> p = Policy.initialise(env, config, 2L)) {
                for (DecodingStrategy s : List.of(Greedy.onDevice(), new BeamSearch(2))) {
                    try (NDManager sub = p.manager().newSubManager()) {
                        ParameterStore ps = new ParameterStore(sub, false);
                        Features f = p.networks().featurize(sub, instances);
                        int before = sub.getManagedArrays().size();
                        DecodeResult r = p.networks().decode(ps, f, instances, s, false);
                        int left = sub.getManagedArrays().size() - before;
                        assertThat(r.steps()).as("%s %s steps", context, s.name()).isGreaterThan(10);
                        // encoder and carried arrays only: a step alone creates more than 40
                        assertThat(left).as("%s %s: arrays left after %d steps", context, s.name(), r.steps())
                                .isLessThan(20 * r.steps());
                        assertThat(left).isLessThan(400);
                    }
                }
            }
        }
    }
}
