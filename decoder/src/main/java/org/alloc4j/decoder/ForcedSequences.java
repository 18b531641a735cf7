package org.alloc4j.decoder;

import ai.djl.ndarray.NDArray;

/**
 * Replays given action sequences (END appended when a sequence ends), to score support sets under the
 * policy: the decode result's log-likelihood is then log p(sequence).
 */
public final class ForcedSequences implements DecodingStrategy {
    private final int[][] sequences;
    private final int end;

    /**
     * @param sequences one action sequence per row (candidate indices, optionally ending with END)
     * @param end       the END action (= N)
     */
    public ForcedSequences(int[][] sequences, int end) {
        this.sequences = sequences;
        this.end = end;
    }

    @Override
    public int rowsPerInstance() {
        return 1;
    }

    @Override
    public Selection select(NDArray logProbs, int step) {
        long[] a = new long[sequences.length];
        for (int r = 0; r < a.length; r++) {
            a[r] = step < sequences[r].length ? sequences[r][step] : end;
        }
        return new Selection(a, null);
    }

    @Override
    public String name() {
        return "forced";
    }
}
