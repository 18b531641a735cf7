package org.alloc4j.baselines;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns an instance into a full solution: support set plus continuous variables. Methods are named
 * {@code <discrete>+<continuous>} (for example {@code greedy+wmmse}) when composed from a
 * {@link SupportSelector} and a {@link Beamformer}; joint methods have their own names ({@code fp-c}).
 *
 * @param <I> the instance type
 */
public interface Allocator<I> {

    String name();

    Allocation allocate(I instance);

    /** Allocates for many instances in order; learned allocators override this to batch. */
    default List<Allocation> allocateAll(List<I> instances) {
        List<Allocation> out = new ArrayList<>(instances.size());
        for (I i : instances) {
            out.add(allocate(i));
        }
        return out;
    }

    /** The allocator that runs {@code selector}, then {@code beamformer} on its support set. */
    static <I> Allocator<I> compose(SupportSelector<I> selector, Beamformer<I> beamformer) {
        return new ComposedAllocator<>(selector, beamformer);
    }
}
