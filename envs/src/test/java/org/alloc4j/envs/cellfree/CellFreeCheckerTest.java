package org.alloc4j.envs.cellfree;

import static org.assertj.core.api.Assertions.assertThat;

import org.alloc4j.envs.FeasibilityReport;
import org.alloc4j.envs.Solution;
import org.alloc4j.envs.Support;
import org.alloc4j.envs.math.ComplexArray;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class CellFreeCheckerTest {
    private final CellFreeEnv env = CellFreeEnv.preset(CellFreeConfig.TINY); // M=3, K=3, K_max=2, M_max=2
    private final CellFreeInstance inst = env.sample(RandomSource.XO_RO_SHI_RO_128_PP.create(1L));

    @Test
    void overloadedApViolatesConstraintFive() {
        FeasibilityReport r = env.checker().checkSupport(inst, Support.of(env.link(0, 0), env.link(0, 1), env.link(0, 2)));
        assertThat(r.feasible()).isFalse();
        assertThat(r.violations()).singleElement().asString().contains("(5)").contains("AP 0");
    }

    @Test
    void overservedUserViolatesConstraintSix() {
        FeasibilityReport r = env.checker().checkSupport(inst, Support.of(env.link(0, 1), env.link(1, 1), env.link(2, 1)));
        assertThat(r.violations()).singleElement().asString().contains("(6)").contains("UE 1");
    }

    @Test
    void beamOnAnUnservedLinkIsRejected() {
        ComplexArray w = ComplexArray.zeros(3, 3, 2);
        w.set(w.index(1, 2, 0), 1e-3, 0);
        FeasibilityReport r = env.checker().check(inst, new Solution(Support.of(env.link(0, 0)), w));
        assertThat(r.violations()).singleElement().asString().contains("not in the support");
    }

    @Test
    void apPowerAboveTheBudgetIsRejectedAndAtTheBudgetAccepted() {
        Support a = Support.of(env.link(2, 0), env.link(2, 1));
        ComplexArray w = ComplexArray.zeros(3, 3, 2);
        double half = Math.sqrt(inst.powerW() / 2);
        w.set(w.index(2, 0, 0), half, 0);
        w.set(w.index(2, 1, 1), 0, half);
        assertThat(env.checker().check(inst, new Solution(a, w)).feasible()).isTrue();
        w.scale(1.001);
        assertThat(env.checker().check(inst, new Solution(a, w)).violations()).singleElement().asString().contains("AP 2 transmits");
    }

    @Test
    void nonFiniteBeamformerIsRejected() {
        ComplexArray w = ComplexArray.zeros(3, 3, 2);
        w.set(0, Double.NaN, 0);
        assertThat(env.checker().check(inst, new Solution(Support.of(0), w)).feasible()).isFalse();
    }

    @Test
    void associationGraphHasOneEdgePerServedLink() {
        var g = env.associationGraph(Support.of(env.link(0, 0), env.link(1, 0), env.link(1, 2)));
        assertThat(g.edgeSet()).hasSize(3);
        assertThat(g.degreeOf(3)).as("UE 0").isEqualTo(2);
        assertThat(g.degreeOf(1)).as("AP 1").isEqualTo(2);
    }
}
