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
 * of graphs encoded on the host, and beamforming, both {@link #GROUP} instances at a time. A family
 * supplies its host encoder and its continuous network ({@link #cvln}, {@link #beams}), each computing a
 * group's graphs together (the environment admits instances of its own size only, so a group has one).
 *
 * @param <I> the instance type
 */
abstract class HostPath<I> implements HostSnapshot<I> {
    private final Environment<I> env;
    private final MaskedAttentionDecoder.HostGreedy decoder;
    private final int width;
    private final long anyBatchWork;

    /**
     * @param anyBatchWork graph edges × d² up to which this family's host path is faster than the tensor
     *                     path at any batch size (measured per family)
     */
    HostPath(Environment<I> env, MaskedAttentionDecoder.HostGreedy decoder, int width, long anyBatchWork) {
        this.env = env;
        this.decoder = decoder;
        this.width = width;
        this.anyBatchWork = anyBatchWork;
    }

    /**
     * Instances decoded (and beamformed) together: their graphs are encoded together ({@link #encode}),
     * then decoded row by row. Throwaway loop on movable-antenna-v1 (d = 16, trained, batch 1 000, AVX-512
     * host, with the four-outputs-by-one-input product of commit 5d66b51), median ms per instance,
     * decoding + beamforming: 1 at a time 0.215 (0.183 + 0.032), 4 0.171,
     * 8 0.169, 16 0.168 (0.159 + 0.010), 32 0.175, 64 0.183 (0.174 + 0.009). Longer groups help the
     * 4×4 CVLN graphs most; beyond 16 the encoder's arrays outgrow the cache.
     */
    static final int GROUP = 16;

    /** The graphs of same-size instances (at most {@link #GROUP}), encoded on the host, in order. */
    abstract List<HostGraph> encode(List<I> instances);

    /** The name of the continuous network {@link #beams} runs. */
    abstract String cvln();

    /**
     * Beamformers of same-size instances (at most {@link #GROUP}) for their support sets, within the power
     * budget, in the environment's layout.
     */
    abstract List<ComplexArray> beams(List<I> instances, List<Support> supports);

    /** Edges of the instance's graph (cell-free M·K links, movable antennas Q·K CP–UE pairs). */
    abstract long graphEdges(I instance);

    /**
     * Any batch of graphs with edges × d² ≤ the family's any-batch work, or a small batch (at most
     * {@link Policy#HOST_BATCH_LIMIT} instances) of graphs with edges × d² ≤ {@link #WORK_LIMIT}.
     */
    @Override
    public boolean faster(List<I> batch) {
        long work = graphEdges(batch.get(0)) * width * width;
        return work <= anyBatchWork || batch.size() <= Policy.HOST_BATCH_LIMIT && work <= WORK_LIMIT;
    }

    /** {@link #GROUP} instances at a time (greedy rows are independent), so only their graphs are live. */
    @Override
    public List<Support> decode(List<I> batch) {
        List<Support> out = new ArrayList<>(batch.size());
        for (int from = 0; from < batch.size(); from += GROUP) {
            List<I> group = batch.subList(from, Math.min(batch.size(), from + GROUP));
            List<DecodingState> states = new ArrayList<>(group.size());
            for (I inst : group) {
                states.add(env.newState(inst));
            }
            for (DecodingState s : decoder.decode(env, encode(group), states).states()) {
                out.add(s.support());
            }
        }
        return out;
    }

    @Override
    public List<ComplexArray> beamform(String cvln, List<I> batch, List<Support> supports) {
        if (!cvln().equals(cvln)) {
            throw new IllegalArgumentException("the host path runs " + cvln() + ", not " + cvln);
        }
        List<ComplexArray> out = new ArrayList<>(batch.size());
        for (int from = 0; from < batch.size(); from += GROUP) {
            int to = Math.min(batch.size(), from + GROUP);
            out.addAll(beams(batch.subList(from, to), supports.subList(from, to)));
        }
        return out;
    }
}
