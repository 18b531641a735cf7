package org.alloc4j.decoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * The per-decoding state of a context network for R rows (instances × tracks): it turns the partial
 * support sets into a query and the candidates' keys, and follows each chosen action.
 */
public interface DecoderContext {

    /**
     * The query of the next step.
     *
     * @param mask feasibility of the next action, (R, N+1) boolean, END last
     * @return (R, d)
     */
    NDArray query(NDArray mask);

    /** The keys of the N candidates now, (R, N, d). */
    NDArray keys();

    /**
     * Follows the chosen actions.
     *
     * @param actions (R) int64; N (END) leaves a row unchanged
     */
    void advance(NDArray actions);

    /**
     * Keeps the given rows, in the given order (beam search): row r becomes old row {@code parents[r]}.
     *
     * @param parents (R) int64
     */
    void reorder(NDArray parents);

    /**
     * The arrays this context carries from one step to the next (everything {@link #advance} and
     * {@link #reorder} replace). Outside training the decoder frees every other array of a step when
     * the step ends, so memory stays flat however many steps and rows are decoded.
     */
    NDList carried();
}
