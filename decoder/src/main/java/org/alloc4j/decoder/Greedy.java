package org.alloc4j.decoder;

import ai.djl.ndarray.NDArray;

/**
 * The most probable feasible action at every step (test-time default). Outside training, a context
 * network that is {@link HostDecodable} runs its per-step work on the host (same function, far fewer
 * native calls); {@link #onDevice()} keeps every step on tensors, for comparisons and profiling.
 */
public final class Greedy implements DecodingStrategy {
    private final boolean host;

    /** Greedy decoding, on the host where the context network allows it. */
    public Greedy() {
        this(true);
    }

    private Greedy(boolean host) {
        this.host = host;
    }

    /** Greedy decoding with every step on tensors (the training path's code). */
    public static Greedy onDevice() {
        return new Greedy(false);
    }

    /** Whether the host path may be used. */
    public boolean allowsHost() {
        return host;
    }

    @Override
    public int rowsPerInstance() {
        return 1;
    }

    @Override
    public Selection select(NDArray logProbs, int step) {
        return new Selection(logProbs.argMax(1).toLongArray(), null);
    }

    @Override
    public String name() {
        return "greedy";
    }
}
