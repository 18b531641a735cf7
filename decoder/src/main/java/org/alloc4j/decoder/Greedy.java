package org.alloc4j.decoder;

import ai.djl.ndarray.NDArray;

/** The most probable feasible action at every step (test-time default). */
public final class Greedy implements DecodingStrategy {

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
