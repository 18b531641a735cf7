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
     * Whether this batch is decided faster here than by the batched tensor path: few instances of
     * small networks, where DJL's per-call cost outweighs plain Java's slower arithmetic.
     */
    boolean faster(List<I> instances);

    /** Greedy support sets, one per instance. */
    List<Support> decode(List<I> instances);

    /** Beamformers of {@code cvln}, one of {@link PolicyNetworks#hostCvlns}, in the environment's layout. */
    List<ComplexArray> beamform(String cvln, List<I> instances, List<Support> supports);
}
