package org.alloc4j.policy;

import java.util.ArrayList;
import java.util.List;
import org.alloc4j.baselines.Beamformer;
import org.alloc4j.baselines.MethodCatalog;
import org.alloc4j.baselines.SupportSelector;
import org.alloc4j.envs.Support;
import org.alloc4j.envs.math.ComplexArray;

/**
 * Plugs a policy into a method catalog: the discrete part {@code learned} (greedy decoding) and the
 * continuous parts {@code cvln}, {@code cvln-rzf} (cell-free) or {@code cvln} (movable antennas), so that
 * {@code learned+cvln-rzf}, {@code learned+wmmse} and {@code greedy+cvln-rzf} all work. Every call is
 * batched over the instances it is given.
 */
public final class LearnedMethods {
    private LearnedMethods() {
    }

    public static <I> MethodCatalog<I> register(MethodCatalog<I> catalog, Policy<I> policy) {
        catalog.registerSelector("learned", ctx -> selector(policy));
        for (String name : policy.networks().cvlnNames()) {
            catalog.registerBeamformer(name, ctx -> beamformer(policy, name));
        }
        return catalog;
    }

    static <I> SupportSelector<I> selector(Policy<I> policy) {
        return new SupportSelector<>() {
            @Override
            public String name() {
                return "learned";
            }

            @Override
            public Choice select(I instance) {
                return selectAll(List.of(instance)).get(0);
            }

            @Override
            public List<Choice> selectAll(List<I> instances) {
                List<Choice> out = new ArrayList<>(instances.size());
                for (Support s : policy.decode(instances)) {
                    out.add(Choice.of(s));
                }
                return out;
            }
        };
    }

    static <I> Beamformer<I> beamformer(Policy<I> policy, String cvln) {
        return new Beamformer<>() {
            @Override
            public String name() {
                return cvln;
            }

            @Override
            public ComplexArray beamform(I instance, Support support) {
                return beamformAll(List.of(instance), List.of(support)).get(0);
            }

            @Override
            public List<ComplexArray> beamformAll(List<I> instances, List<Support> supports) {
                return policy.beamform(cvln, instances, supports);
            }
        };
    }
}
