package org.alloc4j.training.cli;

import java.util.ArrayList;
import java.util.List;
import org.alloc4j.baselines.ExhaustiveSearch;
import org.alloc4j.baselines.MethodCatalog;
import org.alloc4j.envs.InvalidConfigurationException;
import org.alloc4j.envs.cellfree.CellFreeEnv;
import org.alloc4j.envs.movable.MovableAntennaEnv;
import org.alloc4j.training.evaluate.TestSet;

/** The baselines an evaluation runs when no methods are named: those of the source paper. */
final class DefaultMethods {
    private DefaultMethods() {
    }

    static <I> List<String> of(MethodCatalog<I> catalog, long seed) {
        List<String> m = new ArrayList<>();
        if (catalog.environment() instanceof CellFreeEnv) {
            m.addAll(List.of("greedy+wmmse", "greedy+przf", "random+wmmse", "greedy+zf"));
        } else if (catalog.environment() instanceof MovableAntennaEnv) {
            m.addAll(List.of("greedy+wmmse", "greedy+zf", "random+wmmse", "fp-c"));
        } else {
            return catalog.beamformerNames().stream().map(b -> "random+" + b).toList();
        }
        ExhaustiveSearch<I> ex = (ExhaustiveSearch<I>) catalog.create("exhaustive+wmmse", MethodCatalog.Context.of(seed));
        try {
            ex.supportCount(TestSet.generate(catalog.environment(), seed, 1).get(0));
            m.add("exhaustive+wmmse");
        } catch (InvalidConfigurationException tooLarge) {
            // the exhaustive optimum is only a default where it fits its budget
        }
        return m;
    }
}
