package org.alloc4j.envs.cellfree;

import static org.assertj.core.api.Assertions.assertThat;

import org.alloc4j.envs.DecodingState;
import org.alloc4j.envs.Solution;
import org.alloc4j.envs.Support;
import org.alloc4j.envs.math.ComplexArray;
import org.alloc4j.envs.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * SPEC §1 "non-SPSD": two UEs with identical channels are identical candidates, yet only one can be
 * served, and serving one is the better decision anyway.
 */
class NonSpsdFixtureTest {

    @Test
    void identicalCandidatesStartEquallyFeasibleAndChoosingOneMasksTheOther() {
        CellFreeEnv env = Fixtures.oneApOneSlotTwoUsers();
        CellFreeInstance inst = Fixtures.identicalUsers(0.8, -0.6, 4.0);
        DecodingState s = env.newState(inst);
        assertThat(s.mask()).containsExactly(true, true, true);
        s.step(1);
        assertThat(s.isDone()).as("the AP's only slot is taken: decoding stops").isTrue();
        assertThat(s.isFeasible(0)).as("UE 0, identical to UE 1, can no longer be served").isFalse();
        assertThat(env.checker().checkSupport(inst, Support.of(0, 1)).feasible()).isFalse();
    }

    @Test
    void servingBothIdenticalUsersNeverBeatsServingOne() {
        CellFreeEnv env = new CellFreeEnv(Fixtures.oneApOneSlotTwoUsers().config().with(java.util.Map.of("maxUsersPerAp", "2")));
        double p = 4.0;
        CellFreeInstance inst = Fixtures.identicalUsers(0.8, -0.6, p); // |h|² = 1
        double single = Math.log1p(p) / Math.log(2);
        for (int i = 0; i <= 20; i++) {
            double p0 = p * i / 20.0;
            ComplexArray w = ComplexArray.zeros(1, 2, 1);
            w.set(0, Math.sqrt(p0), 0);
            w.set(1, Math.sqrt(p - p0), 0);
            double both = env.sumRate(inst, new Solution(Support.of(0, 1), w));
            assertThat(both).as("power split %s/%s", p0, p - p0).isLessThanOrEqualTo(single + 1e-12);
        }
    }
}
