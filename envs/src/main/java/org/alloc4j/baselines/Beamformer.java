package org.alloc4j.baselines;

import java.util.ArrayList;
import java.util.List;
import org.alloc4j.envs.Support;
import org.alloc4j.envs.math.ComplexArray;

/**
 * The continuous part of a method: beamformers for a fixed support set, in the environment's layout.
 *
 * @param <I> the instance type
 */
public interface Beamformer<I> {

    /** Short name used in method names, for example {@code wmmse}. */
    String name();

    /** Beamformers for {@code support}, feasible by construction. */
    ComplexArray beamform(I instance, Support support);

    /** Beamformers for many instances; learned beamformers override this to batch. */
    default List<ComplexArray> beamformAll(List<I> instances, List<Support> supports) {
        List<ComplexArray> out = new ArrayList<>(instances.size());
        for (int i = 0; i < instances.size(); i++) {
            out.add(beamform(instances.get(i), supports.get(i)));
        }
        return out;
    }
}
