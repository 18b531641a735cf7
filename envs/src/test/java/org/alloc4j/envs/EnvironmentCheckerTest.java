package org.alloc4j.envs;

import static org.assertj.core.api.Assertions.assertThat;

import org.alloc4j.envs.testing.ToyCardinalityEnv;
import org.junit.jupiter.api.Test;

/** The checker must be able to fail: a mask that lets one item too many through is caught. */
class EnvironmentCheckerTest {

    @Test
    void passesACorrectUserEnvironment() {
        EnvironmentChecker.Report r = EnvironmentChecker.check(new ToyCardinalityEnv(6, 3, false), 1L, 10, 50);
        assertThat(r.passed()).as(r.toString()).isTrue();
    }

    @Test
    void catchesAMaskThatLetsAnInfeasibleChoiceThrough() {
        EnvironmentChecker.Report r = EnvironmentChecker.check(new ToyCardinalityEnv(6, 3, true), 1L, 10, 50);
        assertThat(r.passed()).isFalse();
        assertThat(String.join("\n", r.failures())).contains("unsound mask");
    }
}
