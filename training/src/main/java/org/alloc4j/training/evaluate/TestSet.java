package org.alloc4j.training.evaluate;

import java.util.ArrayList;
import java.util.List;
import org.alloc4j.envs.Environment;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * A fixed, seeded set of instances (SPEC §7): the same seed gives the same channels on any machine, and
 * power sweeps reuse the channels with another budget.
 */
public final class TestSet {
    private TestSet() {
    }

    /** {@code count} instances drawn in order from {@code XO_RO_SHI_RO_128_PP} seeded with {@code seed}. */
    public static <I> List<I> generate(Environment<I> env, long seed, int count) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        List<I> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(env.sample(rng));
        }
        return out;
    }

    /** The same instances at another power [dBm]. */
    public static <I> List<I> atPower(Environment<I> env, List<I> instances, double powerDbm) {
        List<I> out = new ArrayList<>(instances.size());
        for (I i : instances) {
            out.add(env.withPowerDbm(i, powerDbm));
        }
        return out;
    }
}
