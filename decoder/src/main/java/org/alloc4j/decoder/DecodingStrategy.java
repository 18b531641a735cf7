package org.alloc4j.decoder;

import ai.djl.ndarray.NDArray;

/**
 * How actions are chosen from the masked log-probabilities: greedy, sampling, best-of-S sampling,
 * beam search, or given sequences. Strategies are stateful for one decode call; make a new one per
 * call (they are cheap).
 */
public interface DecodingStrategy {

    /** Tracks per instance. */
    int rowsPerInstance();

    /**
     * Chooses the actions of one step.
     *
     * @param logProbs (R, N+1) masked log-probabilities (−∞ where infeasible), END last
     * @param step     0-based step index
     */
    Selection select(NDArray logProbs, int step);

    /** Short name for logs, for example {@code greedy}. */
    String name();
}
