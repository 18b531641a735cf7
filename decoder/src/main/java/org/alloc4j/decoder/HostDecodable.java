package org.alloc4j.decoder;

import ai.djl.training.ParameterStore;
import org.alloc4j.encoder.Encoding;

/**
 * A context network whose per-step work can also run on the host, in plain Java: either after the
 * encoder and every step-independent projection have run as tensors (one host copy per batch instead
 * of some seventy native calls per step, which dominate at batch 1), or from graphs encoded on the host
 * with weights copied once ({@link #weightsOnHost}), without any tensor. Training and every strategy
 * other than greedy keep the tensor path, which carries gradients. All paths compute the same function:
 * {@code HostDecodingTest} decodes with each and compares.
 */
public interface HostDecodable {

    /**
     * Runs the step-independent part for B rows (one per instance) and copies it to the host.
     *
     * @param encoding the encoder's output for B instances
     */
    HostContext startOnHost(ParameterStore ps, Encoding encoding);

    /** The context's parameters copied to the host once, for {@link #startOnHost(HostWeights, java.util.List)}. */
    HostWeights weightsOnHost(ParameterStore ps, ai.djl.Device device);

    /**
     * The same from graphs encoded on the host, one per row, without any tensor.
     *
     * @param weights from {@link #weightsOnHost} of this context
     * @param graphs  the host encoder's output for B instances; the candidates are the graphs' edges
     */
    HostContext startOnHost(HostWeights weights, java.util.List<org.alloc4j.encoder.HostGraph> graphs);

    /** A snapshot of a context's parameters on the host; opaque to callers. */
    interface HostWeights {
    }

    /** The per-row state of a context decoded on the host; rows are independent. */
    interface HostContext {

        /**
         * The raw compatibilities q_tᵀk_n (before the 1/√d scaling, the tanh clipping and the mask) of
         * the N candidates of row {@code row} in its current state, written to {@code out[0..N-1]}.
         *
         * @param mask the row's feasibility mask of this step, (N+1) with END last: contexts that attend
         *             over the feasible candidates read it, others ignore it
         * @return the query q_t, (d), for the END key
         */
        float[] scores(int row, boolean[] mask, float[] out);

        /** Follows action {@code action} (a candidate index; END is never passed) in row {@code row}. */
        void advance(int row, int action);
    }
}
