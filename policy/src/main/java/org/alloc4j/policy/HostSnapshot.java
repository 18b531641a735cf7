package org.alloc4j.policy;

import java.util.List;
import org.alloc4j.envs.Support;
import org.alloc4j.envs.math.ComplexArray;

/**
 * A policy's parameters copied to the host, for greedy inference on small batches in plain Java (see
 * {@link Policy#hostSnapshot}). Same decisions and beamformers as the policy's tensor path at the time
 * of the snapshot; later changes of the parameters do not reach it.
 *
 * @param <I> the instance type
 */
public interface HostSnapshot<I> {

    /**
     * Graph edges × d² up to which the host path is faster at batch 1. With the blocked product of
     * {@code HostKernels.addProduct} (throwaway timing loop, one instance at a time, ms per instance host
     * against tensors, nothing else running): cell-free-large-v1 at d = 64 (786 432) 11.6 against 13.7–14.3;
     * movable-antenna-v1 at d = 64 (1 327 104) 6.6–6.8 against 7.0–7.6. Before it the crossing was near
     * 400 000 (cell-free-large-v1 19.3 against 18.8 ms).
     */
    long WORK_LIMIT = 1_500_000;

    /**
     * Whether this batch is decided faster here than by the batched tensor path: few instances of
     * small networks, where DJL's per-call cost outweighs plain Java's slower arithmetic, or, for the
     * smallest networks of a family that measured so, any number of instances.
     */
    boolean faster(List<I> instances);

    /** Greedy support sets, one per instance. */
    List<Support> decode(List<I> instances);

    /** Beamformers of {@code cvln}, one of {@link PolicyNetworks#hostCvlns}, in the environment's layout. */
    List<ComplexArray> beamform(String cvln, List<I> instances, List<Support> supports);
}
