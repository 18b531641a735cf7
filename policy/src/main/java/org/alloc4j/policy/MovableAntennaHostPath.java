package org.alloc4j.policy;

import java.util.ArrayList;
import java.util.List;
import org.alloc4j.decoder.MaskedAttentionDecoder;
import org.alloc4j.encoder.HostGraph;
import org.alloc4j.encoder.MovableAntennaEncoder;
import org.alloc4j.encoder.MovableAntennaFeatures;
import org.alloc4j.envs.Support;
import org.alloc4j.envs.math.ComplexArray;
import org.alloc4j.envs.movable.MovableAntennaEnv;
import org.alloc4j.envs.movable.MovableAntennaInstance;

/**
 * Greedy decoding and the structure {@code cvln} for movable antennas in plain Java, from a snapshot of
 * a policy's parameters: the encoder, the glimpse decoder's steps and the CVLN run without a native
 * call. The movable-antenna twin of {@link CellFreeHostPath}, with the same rule for when it is faster
 * ({@link HostPath}); compared with the tensor path in {@code HostDecodingTest}.
 */
final class MovableAntennaHostPath extends HostPath<MovableAntennaInstance> {
    /**
     * Graph edges × d² up to which the host path is faster at any batch size. Throwaway loop on
     * movable-antenna-v1 at batch 1 000, the tensor pass and the host path instance by instance
     * alternating in one process, ms per instance: d = 16 (82 944) 0.58–0.81 against 0.48–0.71, host
     * faster in every pass; d = 32 (331 776) 1.45–2.4 against 1.42–2.5, even. At d = 32 the host was also
     * ahead at small batches (medians, tensors / host: batch 4 2.61 / 1.63, 8 2.56 / 2.12, 16 1.67 / 1.53);
     * not used: one limit per family, and d = 32 keeps {@link Policy#HOST_BATCH_LIMIT}.
     */
    static final long ANY_BATCH_WORK = 200_000;

    private final MovableAntennaEncoder.Host encoder;
    private final MovableStructureCvln.Host structure;

    MovableAntennaHostPath(MovableAntennaEnv env, MovableAntennaEncoder.Host encoder,
                           MaskedAttentionDecoder.HostGreedy decoder, MovableStructureCvln.Host structure, int width) {
        super(env, decoder, width, ANY_BATCH_WORK);
        this.encoder = encoder;
        this.structure = structure;
    }

    @Override
    List<HostGraph> encode(List<MovableAntennaInstance> instances) {
        List<float[]> edges = new ArrayList<>(instances.size());
        List<float[]> positions = new ArrayList<>(instances.size());
        for (MovableAntennaInstance inst : instances) {
            edges.add(MovableAntennaFeatures.edgesOf(inst));
            positions.add(MovableAntennaFeatures.positionsOf(inst.grid()));
        }
        MovableAntennaInstance first = instances.get(0);
        return encoder.encodeAll(edges, positions, first.candidates(), first.users());
    }

    @Override
    long graphEdges(MovableAntennaInstance inst) {
        return (long) inst.candidates() * inst.users();
    }

    @Override
    String cvln() {
        return MovableAntennaNetworks.STRUCTURE;
    }

    @Override
    List<ComplexArray> beams(List<MovableAntennaInstance> instances, List<Support> supports) {
        List<ComplexArray> out = structure.beams(instances, supports);
        for (int i = 0; i < out.size(); i++) {
            out.set(i, MovableAntennaNetworks.withinBudget(out.get(i), instances.get(i)));
        }
        return out;
    }
}
