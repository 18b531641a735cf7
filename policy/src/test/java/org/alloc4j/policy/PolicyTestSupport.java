package org.alloc4j.policy;

import java.util.ArrayList;
import java.util.List;
import org.alloc4j.baselines.RandomFeasible;
import org.alloc4j.envs.Environment;
import org.alloc4j.envs.Support;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/** Shared helpers of the policy tests. */
final class PolicyTestSupport {
    private PolicyTestSupport() {
    }

    static ModelConfig small() {
        return new ModelConfig(16, 2, 1, 1, false, 10, 4, "dynamic", 1, false, true, 1);
    }

    /** {@link #small()} with a {@code cvln-rzf} refinement pass. */
    static ModelConfig smallRefined() {
        return new ModelConfig(16, 2, 1, 1, false, 10, 4, "dynamic", 1, false, true, 2);
    }

    /**
     * Moves every parameter of the {@code cvln-rzf} refinement passes by seeded noise of size
     * {@code scale}: their output layers start at zero, where the refinement is the identity.
     */
    static void perturbRefinements(Policy<?> p, double scale, long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        for (ai.djl.util.Pair<String, ai.djl.nn.Parameter> param : p.networks().getParameters()) {
            if (param.getKey().contains("refine")) {
                float[] v = param.getValue().getArray().toFloatArray();
                for (int j = 0; j < v.length; j++) {
                    v[j] += (float) (scale * (2 * rng.nextDouble() - 1));
                }
                param.getValue().getArray().set(v);
            }
        }
    }

    static <I> List<I> instances(Environment<I> env, int count, long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        List<I> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(env.sample(rng));
        }
        return out;
    }

    static <I> List<Support> randomSupports(Environment<I> env, List<I> instances, long seed) {
        RandomFeasible<I> r = new RandomFeasible<>(env, RandomSource.XO_RO_SHI_RO_128_PP.create(seed));
        List<Support> out = new ArrayList<>();
        for (I i : instances) {
            out.add(r.select(i).support());
        }
        return out;
    }

    /** Resident memory of this process [kB], from /proc (Linux). */
    static long residentKb() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return -1;
    }
}
