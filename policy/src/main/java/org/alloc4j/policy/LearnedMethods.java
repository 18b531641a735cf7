package org.alloc4j.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.alloc4j.decoder.BeamSearch;
import org.alloc4j.decoder.Sampling;
import org.alloc4j.baselines.Allocation;
import org.alloc4j.baselines.Allocator;
import org.alloc4j.baselines.Beamformer;
import org.alloc4j.baselines.MethodCatalog;
import org.alloc4j.baselines.SupportSelector;
import org.alloc4j.envs.Solution;
import org.alloc4j.envs.Support;
import org.alloc4j.envs.math.ComplexArray;

/**
 * Plugs a policy into a method catalog: the discrete parts {@code learned} (greedy decoding),
 * {@code learned-best16} (16 samples at temperature 1, the best by the default CVLN's rate) and
 * {@code learned-beam4} (beam search of width 4, the best row by the same rate), and the continuous
 * parts {@code cvln}, {@code cvln-rzf} (cell-free) or {@code cvln} (movable antennas), and for cell-free
 * {@code rzf-opt} (the {@code cvln-rzf} structure optimised per instance, {@link RzfStructureSearch}), so that
 * {@code learned+cvln-rzf}, {@code learned+wmmse}, {@code greedy+cvln-rzf} and
 * {@code learned-beam4+wmmse} all work. Every call is batched over the instances it is given.
 * {@code learned+<cvln>} for the policy's own continuous networks is registered as a joint method
 * ({@link #greedyWith}) that featurises each batch once for both networks.
 *
 * <p>Batches that {@link HostSnapshot#faster} accepts (at most {@link Policy#HOST_BATCH_LIMIT} small
 * instances; any number for the smaller networks of each family, {@link CellFreeHostPath#ANY_BATCH_WORK},
 * {@link MovableAntennaHostPath#ANY_BATCH_WORK}) are decided in plain Java from a {@link HostSnapshot} where the networks have one
 * ({@code learned} with {@code cvln-rzf} on cell-free, with {@code cvln} on movable antennas): the snapshot is taken when an allocator is
 * created from the catalog, so create allocators again after training the policy further.
 */
public final class LearnedMethods {
    private LearnedMethods() {
    }

    public static <I> MethodCatalog<I> register(MethodCatalog<I> catalog, Policy<I> policy) {
        String scorer = policy.networks().cvlnNames().get(0);
        catalog.registerSelector("learned", ctx -> greedySelector(policy, policy.hostSnapshot()));
        catalog.registerSelector("learned-best16", ctx -> selector("learned-best16", batch -> policy.decodeBest(batch,
                new Sampling(1.0, 16, ctx.rngFor("learned-best16")), scorer)));
        catalog.registerSelector("learned-beam4", ctx -> selector("learned-beam4",
                batch -> policy.decodeBest(batch, new BeamSearch(4), scorer)));
        for (String name : policy.networks().cvlnNames()) {
            catalog.registerBeamformer(name, ctx -> beamformer(policy, name, hostFor(policy, name)));
            catalog.registerJoint("learned+" + name, ctx -> greedyWith(policy, name));
        }
        if (policy.networks() instanceof CellFreeNetworks) {
            catalog.registerBeamformer(CellFreeNetworks.RZF_SEARCH, ctx -> beamformer(policy, CellFreeNetworks.RZF_SEARCH, null));
        }
        return catalog;
    }

    /** A host snapshot where {@code cvln} has a host form, else null (a snapshot copies every parameter). */
    private static <I> HostSnapshot<I> hostFor(Policy<I> policy, String cvln) {
        return hasHostForm(policy, cvln) ? policy.hostSnapshot() : null;
    }

    private static boolean hasHostForm(Policy<?> policy, String cvln) {
        return policy.networks().hostCvlns().contains(cvln);
    }

    /** @param host the policy's snapshot, or null to decode on tensors only */
    private static <I> SupportSelector<I> greedySelector(Policy<I> policy, HostSnapshot<I> host) {
        return selector("learned", batch -> host != null && host.faster(batch) ? host.decode(batch) : policy.decode(batch));
    }

    /**
     * {@code learned+<cvln>}: on batches the host snapshot takes, the greedy selector and the beamformer
     * as composed; on the others {@link Policy#allocate}, which featurises each chunk once for both.
     */
    static <I> Allocator<I> greedyWith(Policy<I> policy, String cvln) {
        HostSnapshot<I> host = policy.hostSnapshot();
        Allocator<I> composed = Allocator.compose(greedySelector(policy, host),
                beamformer(policy, cvln, hasHostForm(policy, cvln) ? host : null));
        return new Allocator<>() {
            @Override
            public String name() {
                return composed.name();
            }

            @Override
            public Allocation allocate(I instance) {
                return allocateAll(List.of(instance)).get(0);
            }

            @Override
            public List<Allocation> allocateAll(List<I> instances) {
                if (host != null && host.faster(instances)) {
                    return composed.allocateAll(instances);
                }
                List<Allocation> out = new ArrayList<>(instances.size());
                for (Solution s : policy.allocate(cvln, instances)) {
                    out.add(new Allocation(s, false));
                }
                return out;
            }
        };
    }

    static <I> SupportSelector<I> selector(String name, Function<List<I>, List<Support>> decode) {
        return new SupportSelector<>() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Choice select(I instance) {
                return selectAll(List.of(instance)).get(0);
            }

            @Override
            public List<Choice> selectAll(List<I> instances) {
                List<Choice> out = new ArrayList<>(instances.size());
                for (Support s : decode.apply(instances)) {
                    out.add(Choice.of(s));
                }
                return out;
            }
        };
    }

    /** @param host a snapshot that runs {@code cvln} on the host, or null for tensors only */
    static <I> Beamformer<I> beamformer(Policy<I> policy, String cvln, HostSnapshot<I> host) {
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
                return host != null && host.faster(instances)
                        ? host.beamform(cvln, instances, supports) : policy.beamform(cvln, instances, supports);
            }
        };
    }
}
