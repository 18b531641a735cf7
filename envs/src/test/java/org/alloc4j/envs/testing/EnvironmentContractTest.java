package org.alloc4j.envs.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.alloc4j.envs.DecodingState;
import org.alloc4j.envs.Environment;
import org.alloc4j.envs.EnvironmentChecker;
import org.alloc4j.envs.InfeasibleActionException;
import org.alloc4j.envs.Solution;
import org.alloc4j.envs.Support;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/**
 * The contract every environment must meet (SPEC §1). An environment's test extends this class and
 * supplies only the factory; the test-jar makes it available to users' own environments too.
 *
 * @param <I> the instance type
 */
public abstract class EnvironmentContractTest<I> {

    /** The environment under test. */
    protected abstract Environment<I> environment();

    /** Instances drawn for the rollout checks. */
    protected int instances() {
        return 20;
    }

    /** Random feasible rollouts per instance (instances × rollouts in total). */
    protected int rolloutsPerInstance() {
        return 100;
    }

    @Test
    void masksAgreeWithTheIndependentCheckerOverThousandsOfRandomRollouts() {
        EnvironmentChecker.Report report = EnvironmentChecker.check(environment(), 20240917L, instances(),
                rolloutsPerInstance());
        assertThat(report.passed()).as(report.toString()).isTrue();
        assertThat(report.statesChecked()).as("states examined").isGreaterThanOrEqualTo(instances() * rolloutsPerInstance());
    }

    @Test
    void sameSeedGivesTheSameInstanceAndAnotherSeedAnother() {
        Environment<I> env = environment();
        I a = env.sample(RandomSource.XO_RO_SHI_RO_128_PP.create(7L));
        I b = env.sample(RandomSource.XO_RO_SHI_RO_128_PP.create(7L));
        I c = env.sample(RandomSource.XO_RO_SHI_RO_128_PP.create(8L));
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
    }

    @Test
    void stepRefusesMaskedActionsAndActionsAfterTheEnd() {
        Environment<I> env = environment();
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(11L);
        DecodingState s = env.newState(env.sample(rng));
        if (!env.endAllowed()) {
            assertThatThrownBy(() -> s.step(env.endAction())).isInstanceOf(InfeasibleActionException.class)
                    .hasMessageContaining(env.id());
        }
        assertThatThrownBy(() -> s.step(-1)).isInstanceOf(InfeasibleActionException.class);
        assertThatThrownBy(() -> s.step(env.candidateCount() + 1)).isInstanceOf(InfeasibleActionException.class);
        while (!s.isDone()) {
            boolean[] m = s.mask();
            int first = 0;
            while (!m[first]) {
                first++;
            }
            s.step(first);
        }
        assertThatThrownBy(() -> s.step(0)).isInstanceOf(InfeasibleActionException.class);
    }

    @Test
    void zeroBeamformerOnAFeasibleSupportIsFeasibleWithZeroRate() {
        Environment<I> env = environment();
        I instance = env.sample(RandomSource.XO_RO_SHI_RO_128_PP.create(3L));
        DecodingState s = env.newState(instance);
        while (!s.isDone()) {
            boolean[] m = s.mask();
            int last = m.length - 1;
            while (!m[last]) {
                last--;
            }
            s.step(last == env.endAction() && s.size() == 0 && countTrue(m) > 1 ? firstTrue(m) : last);
        }
        Support a = s.support();
        Solution zero = new Solution(a, env.zeroBeamformer(instance, a));
        assertThat(env.checker().check(instance, zero).feasible()).as(env.checker().check(instance, zero).toString()).isTrue();
        assertThat(env.sumRate(instance, zero)).isZero();
    }

    private static int countTrue(boolean[] m) {
        int c = 0;
        for (boolean b : m) {
            if (b) {
                c++;
            }
        }
        return c;
    }

    private static int firstTrue(boolean[] m) {
        for (int i = 0; i < m.length; i++) {
            if (m[i]) {
                return i;
            }
        }
        return -1;
    }
}
