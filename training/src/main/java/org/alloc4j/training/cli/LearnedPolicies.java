package org.alloc4j.training.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.alloc4j.envs.Environment;
import org.alloc4j.policy.ModelConfig;
import org.alloc4j.policy.Policy;

/** Finding and opening the policy behind the learned methods of the command line. */
final class LearnedPolicies {
    /** Where a training run keeps the checkpoint with the best validation sum rate. */
    static final String BEST = "checkpoints/best.ckpt";

    private LearnedPolicies() {
    }

    static boolean isLearnedMethod(String method) {
        return method.startsWith("learned") || method.endsWith("+cvln") || method.endsWith("+cvln-rzf");
    }

    /**
     * The policy of a run directory or checkpoint file; without one, networks with default sizes
     * initialised from {@code seed}.
     */
    static <I> Policy<I> open(Environment<I> env, Path location, long seed) throws IOException {
        if (location == null) {
            return Policy.initialise(env, ModelConfig.defaults(), seed);
        }
        Path file = Files.isDirectory(location) ? location.resolve(BEST) : location;
        return Policy.load(env, file);
    }

    /** The default methods plus the learned ones: learned with every continuous network, and learned+wmmse. */
    static List<String> withLearnedDefaults(List<String> defaults, Policy<?> policy) {
        List<String> out = new ArrayList<>(defaults);
        for (String cvln : policy.networks().cvlnNames()) {
            out.add("learned+" + cvln);
        }
        out.add("learned+wmmse");
        out.add("greedy+" + policy.networks().cvlnNames().get(0));
        return out;
    }
}
