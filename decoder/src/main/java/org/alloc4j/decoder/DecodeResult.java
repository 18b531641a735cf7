package org.alloc4j.decoder;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.alloc4j.envs.DecodingState;
import org.alloc4j.envs.Support;

/**
 * The outcome of decoding R = B × rowsPerInstance rows.
 *
 * @param states          final decoding state of every row (support set, actions)
 * @param logLikelihood   Σ_t log p(a_t) of every row, (R); carries gradients when decoded in training
 *                        mode; steps after END add exactly 0
 * @param entropy         Σ_t H(p_t) over each row's unfinished steps, (R)
 * @param rowsPerInstance tracks per instance
 * @param steps           decoding steps taken
 */
public record DecodeResult(List<DecodingState> states, NDArray logLikelihood, NDArray entropy, int rowsPerInstance,
                           int steps) {

    /** The support set of row r. */
    public Support support(int row) {
        return states.get(row).support();
    }

    public int rows() {
        return states.size();
    }
}
