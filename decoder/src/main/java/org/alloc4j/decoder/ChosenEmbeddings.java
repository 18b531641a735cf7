package org.alloc4j.decoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import org.alloc4j.encoder.Tensors;

/**
 * What the context networks keep about the candidates chosen so far, per row: the sum and count of
 * their embeddings and the last one (a trainable vector until the first choice), updated in O(R·N·d)
 * per step from the chosen actions.
 */
final class ChosenEmbeddings {
    private NDArray candidates;   // (R, N, d)
    private NDArray sum;          // (R, d)
    private NDArray count;        // (R, 1)
    private NDArray last;         // (R, d)

    /** What one step chose: one-hot rows (R, N), all zero after END, and the chosen embeddings (R, d). */
    record Step(NDArray oneHot, NDArray chosen) {
    }

    /**
     * @param candidates (R, N, d)
     * @param firstLast  (1, d): stands for "last choice" before the first one
     */
    ChosenEmbeddings(NDArray candidates, NDArray firstLast) {
        this.candidates = candidates;
        long rows = candidates.getShape().get(0);
        long width = candidates.getShape().get(2);
        sum = candidates.getManager().zeros(new Shape(rows, width));
        count = candidates.getManager().zeros(new Shape(rows, 1));
        last = firstLast.broadcast(new Shape(rows, width));
    }

    /** Mean of the chosen embeddings (zero before the first choice), (R, d). */
    NDArray mean() {
        return sum.div(count.maximum(Tensors.scalar(count, 1.0)));
    }

    NDArray count() {
        return count;
    }

    NDArray last() {
        return last;
    }

    /** Follows the actions (R) int64; END (= N) changes nothing. */
    Step advance(NDArray actions) {
        int n = (int) candidates.getShape().get(1);
        NDArray oneHot = actions.oneHot(n + 1).toType(candidates.getDataType(), false).get(":, :" + n);   // (R, N)
        NDArray chosen = oneHot.expandDims(1).batchMatMul(candidates).squeeze(1);                          // (R, d)
        NDArray flag = oneHot.sum(new int[] {1}, true);                                                     // (R, 1)
        sum = sum.add(chosen);
        count = count.add(flag);
        last = last.add(chosen.sub(last).mul(flag));
        return new Step(oneHot, chosen);
    }

    /** The arrays kept across steps. */
    NDList carried() {
        return new NDList(candidates, sum, count, last);
    }

    void reorder(NDArray parents) {
        candidates = candidates.get(parents);
        sum = sum.get(parents);
        count = count.get(parents);
        last = last.get(parents);
    }
}
