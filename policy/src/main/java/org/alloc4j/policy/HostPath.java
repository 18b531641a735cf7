package org.alloc4j.policy;

import java.util.ArrayList;
import java.util.List;
import org.alloc4j.decoder.MaskedAttentionDecoder;
import org.alloc4j.encoder.HostGraph;
import org.alloc4j.envs.DecodingState;
import org.alloc4j.envs.Environment;
import org.alloc4j.envs.Support;

/**
 * What the host snapshots of both families share: the rule for when they are faster, and greedy
 * decoding of graphs encoded on the host. A family supplies its host encoder and continuous network.
 *
 * @param <I> the instance type
 */
abstract class HostPath<I> implements HostSnapshot<I> {
    private final Environment<I> env;
    private final MaskedAttentionDecoder.HostGreedy decoder;
    private final int width;

    HostPath(Environment<I> env, MaskedAttentionDecoder.HostGreedy decoder, int width) {
        this.env = env;
        this.decoder = decoder;
        this.width = width;
    }

    /** One instance's graph, encoded on the host. */
    abstract HostGraph encode(I instance);

    /** Edges of the instance's graph (cell-free M·K links, movable antennas Q·K CP–UE pairs). */
    abstract long graphEdges(I instance);

    /** A small batch of small graphs: at most {@link Policy#HOST_BATCH_LIMIT} instances and edges × d² ≤ {@link #WORK_LIMIT}. */
    @Override
    public boolean faster(List<I> batch) {
        return batch.size() <= Policy.HOST_BATCH_LIMIT && graphEdges(batch.get(0)) * width * width <= WORK_LIMIT;
    }

    @Override
    public List<Support> decode(List<I> batch) {
        List<HostGraph> graphs = new ArrayList<>(batch.size());
        List<DecodingState> states = new ArrayList<>(batch.size());
        for (I inst : batch) {
            graphs.add(encode(inst));
            states.add(env.newState(inst));
        }
        List<Support> out = new ArrayList<>(batch.size());
        for (DecodingState s : decoder.decode(env, graphs, states).states()) {
            out.add(s.support());
        }
        return out;
    }
}
