package org.alloc4j.policy;

import java.util.ArrayList;
import java.util.List;
import org.alloc4j.decoder.MaskedAttentionDecoder;
import org.alloc4j.encoder.HostGraph;
import org.alloc4j.encoder.MovableAntennaEncoder;
import org.alloc4j.encoder.MovableAntennaFeatures;
import org.alloc4j.envs.DecodingState;
import org.alloc4j.envs.Support;
import org.alloc4j.envs.math.ComplexArray;
import org.alloc4j.envs.movable.MovableAntennaEnv;
import org.alloc4j.envs.movable.MovableAntennaInstance;

/**
 * Greedy decoding and the structure {@code cvln} for movable antennas in plain Java, from a snapshot of
 * a policy's parameters: the encoder, the glimpse decoder's steps and the CVLN run without a native
 * call. The movable-antenna twin of {@link CellFreeHostPath}, with the same rule for when it is faster
 * ({@link HostSnapshot#WORK_LIMIT}); compared with the tensor path in {@code HostDecodingTest}.
 */
final class MovableAntennaHostPath implements HostSnapshot<MovableAntennaInstance> {
    private final MovableAntennaEnv env;
    private final MovableAntennaEncoder.Host encoder;
    private final MaskedAttentionDecoder.HostGreedy decoder;
    private final MovableStructureCvln.Host structure;
    private final int width;

    MovableAntennaHostPath(MovableAntennaEnv env, MovableAntennaEncoder.Host encoder,
                           MaskedAttentionDecoder.HostGreedy decoder, MovableStructureCvln.Host structure, int width) {
        this.env = env;
        this.encoder = encoder;
        this.decoder = decoder;
        this.structure = structure;
        this.width = width;
    }

    @Override
    public boolean faster(List<MovableAntennaInstance> batch) {
        MovableAntennaInstance first = batch.get(0);
        return HostSnapshot.smallEnough(batch.size(), (long) first.candidates() * first.users(), width);
    }

    @Override
    public List<Support> decode(List<MovableAntennaInstance> batch) {
        List<HostGraph> graphs = new ArrayList<>(batch.size());
        List<DecodingState> states = new ArrayList<>(batch.size());
        for (MovableAntennaInstance inst : batch) {
            graphs.add(encoder.encode(MovableAntennaFeatures.edgesOf(inst), MovableAntennaFeatures.positionsOf(inst.grid()),
                    inst.candidates(), inst.users()));
            states.add(env.newState(inst));
        }
        List<Support> out = new ArrayList<>(batch.size());
        for (DecodingState s : decoder.decode(env, graphs, states).states()) {
            out.add(s.support());
        }
        return out;
    }

    @Override
    public List<ComplexArray> beamform(String cvln, List<MovableAntennaInstance> batch, List<Support> supports) {
        if (!MovableAntennaNetworks.STRUCTURE.equals(cvln)) {
            throw new IllegalArgumentException("the host path runs " + MovableAntennaNetworks.STRUCTURE + ", not " + cvln);
        }
        List<ComplexArray> out = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            out.add(MovableAntennaNetworks.withinBudget(structure.beams(batch.get(i), supports.get(i)), batch.get(i)));
        }
        return out;
    }
}
