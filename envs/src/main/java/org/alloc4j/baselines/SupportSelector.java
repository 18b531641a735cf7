package org.alloc4j.baselines;

import java.util.ArrayList;
import java.util.List;

/**
 * The discrete part of a method: chooses a support set for an instance.
 *
 * @param <I> the instance type
 */
public interface SupportSelector<I> {

    /** Short name used in method names, for example {@code greedy}. */
    String name();

    /** Chooses a support set; {@link Choice#repaired()} says whether it had to be repaired to be feasible. */
    Choice select(I instance);

    /** Chooses for many instances; learned selectors override this to batch. */
    default List<Choice> selectAll(List<I> instances) {
        List<Choice> out = new ArrayList<>(instances.size());
        for (I i : instances) {
            out.add(select(i));
        }
        return out;
    }

    /**
     * A chosen support set.
     *
     * @param support  the set
     * @param repaired whether the selector's raw output violated the constraints and was repaired
     */
    record Choice(org.alloc4j.envs.Support support, boolean repaired) {
        public static Choice of(org.alloc4j.envs.Support support) {
            return new Choice(support, false);
        }
    }
}
