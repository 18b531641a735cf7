package org.alloc4j.policy;

import java.util.ArrayList;
import java.util.List;
import org.alloc4j.decoder.MaskedAttentionDecoder;
import org.alloc4j.encoder.HostGraph;
import org.alloc4j.envs.DecodingState;
import org.alloc4j.envs.Environment;
import org.alloc4j.envs.Support;
import org.alloc4j.envs.math.ComplexArray;

/**
 * What the host snapshots of both families share: the rule for when they are faster, greedy decoding
 * of graphs encoded on the host, and beamforming instance by instance. A family supplies its host
 * encoder and its continuous network ({@link #cvln}, {@link #beams}).
 *
 * @param <I> the instance type
 */
abstract class HostPath<I> implements HostSnapshot<I> {
    private final Environment<I> env;
    private final MaskedAttentionDecoder.HostGreedy decoder;
    private final int width;
    private final long smallWork;
    private final int smallWorkBatchLimit;

    /**
     * @param smallWork           graph edges × d² up to which this family's host path stays faster than the
     *                            tensor path beyond {@link Policy#HOST_BATCH_LIMIT} instances (measured per family)
     * @param smallWorkBatchLimit how many instances of such graphs it takes ({@link Integer#MAX_VALUE}: any number)
     */
    HostPath(Environment<I> env, MaskedAttentionDecoder.HostGreedy decoder, int width, long smallWork,
             int smallWorkBatchLimit) {
        this.env = env;
        this.decoder = decoder;
        this.width = width;
        this.smallWork = smallWork;
        this.smallWorkBatchLimit = smallWorkBatchLimit;
    }

    /** One instance's graph, encoded on the host. */
    abstract HostGraph encode(I instance);

    /** The name of the continuous network {@link #beams} runs. */
    abstract String cvln();

    /** One instance's beamformers for its support set, within the power budget, in the environment's layout. */
    abstract ComplexArray beams(I instance, Support support);

    /** Edges of the instance's graph (cell-free M·K links, movable antennas Q·K CP–UE pairs). */
    abstract long graphEdges(I instance);

    /**
     * A small batch (at most {@link Policy#HOST_BATCH_LIMIT} instances) of graphs with edges × d² ≤
     * {@link #WORK_LIMIT}, or up to the family's batch limit for graphs with edges × d² ≤ its small work.
     */
    @Override
    public boolean faster(List<I> batch) {
        long work = graphEdges(batch.get(0)) * width * width;
        return work <= smallWork && batch.size() <= smallWorkBatchLimit
                || batch.size() <= Policy.HOST_BATCH_LIMIT && work <= WORK_LIMIT;
    }

    /** Instance by instance (greedy rows are independent), so one graph at a time is live. */
    @Override
    public List<Support> decode(List<I> batch) {
        List<Support> out = new ArrayList<>(batch.size());
        for (I inst : batch) {
            DecodingState s = decoder.decode(env, List.of(encode(inst)), List.of(env.newState(inst))).states().get(0);
            out.add(s.support());
        }
        return out;
    }

    @Override
    public List<ComplexArray> beamform(String cvln, List<I> batch, List<Support> supports) {
        if (!cvln().equals(cvln)) {
            throw new IllegalArgumentException("the host path runs " + cvln() + ", not " + cvln);
        }
        List<ComplexArray> out = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            out.add(beams(batch.get(i), supports.get(i)));
        }
        return out;
    }
}
