package org.alloc4j.training.train;

import org.alloc4j.baselines.Beamformer;
import org.alloc4j.baselines.MethodCatalog;
import org.alloc4j.envs.Environment;

/** Looks up classical parts for the trainer. */
final class ClassicalParts {
    private ClassicalParts() {
    }

    /** The classical continuous part of that name (for example {@code wmmse}) for the environment. */
    static <I> Beamformer<I> beamformer(Environment<I> env, String name, long seed) {
        MethodCatalog<I> c = MethodCatalog.classical(env);
        if (!c.beamformerNames().contains(name)) {
            throw org.alloc4j.envs.InvalidConfigurationException.of("training config", "rewardBeamformer", name,
                    String.join(", ", c.beamformerNames()));
        }
        return c.beamformer(name, MethodCatalog.Context.of(seed));
    }
}
