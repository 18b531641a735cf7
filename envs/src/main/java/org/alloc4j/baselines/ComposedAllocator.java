package org.alloc4j.baselines;

import java.util.ArrayList;
import java.util.List;
import org.alloc4j.envs.Solution;
import org.alloc4j.envs.Support;
import org.alloc4j.envs.math.ComplexArray;

/** A support-set selector followed by a beamformer, named {@code <selector>+<beamformer>}. */
final class ComposedAllocator<I> implements Allocator<I> {
    private final SupportSelector<I> selector;
    private final Beamformer<I> beamformer;

    ComposedAllocator(SupportSelector<I> selector, Beamformer<I> beamformer) {
        this.selector = selector;
        this.beamformer = beamformer;
    }

    @Override
    public String name() {
        return selector.name() + "+" + beamformer.name();
    }

    @Override
    public Allocation allocate(I instance) {
        SupportSelector.Choice c = selector.select(instance);
        return new Allocation(new Solution(c.support(), beamformer.beamform(instance, c.support())), c.repaired());
    }

    @Override
    public List<Allocation> allocateAll(List<I> instances) {
        List<SupportSelector.Choice> choices = selector.selectAll(instances);
        List<Support> supports = new ArrayList<>(choices.size());
        for (SupportSelector.Choice c : choices) {
            supports.add(c.support());
        }
        List<ComplexArray> beams = beamformer.beamformAll(instances, supports);
        List<Allocation> out = new ArrayList<>(instances.size());
        for (int i = 0; i < instances.size(); i++) {
            out.add(new Allocation(new Solution(supports.get(i), beams.get(i)), choices.get(i).repaired()));
        }
        return out;
    }
}
