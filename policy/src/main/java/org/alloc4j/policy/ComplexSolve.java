package org.alloc4j.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;

/**
 * Batched complex linear solves through the real embedding [[Re A, −Im A], [Im A, Re A]] and DJL's
 * differentiable {@code inverse()} (the only linear-algebra routine the engine offers).
 */
final class ComplexSolve {
    private ComplexSolve() {
    }

    /**
     * X = A⁻¹ B for A (…, n, n) and B (…, n, k), complex as real/imaginary pairs.
     *
     * @return {Re X, Im X}
     */
    static NDArray[] solve(NDArray aRe, NDArray aIm, NDArray bRe, NDArray bIm) {
        int rank = (int) aRe.getShape().dimension();
        long n = aRe.getShape().get(rank - 1);
        NDArray top = NDArrays.concat(new NDList(aRe, aIm.neg()), rank - 1);
        NDArray bottom = NDArrays.concat(new NDList(aIm, aRe), rank - 1);
        NDArray inv = NDArrays.concat(new NDList(top, bottom), rank - 2).inverse();          // (…, 2n, 2n)
        NDArray x = inv.matMul(NDArrays.concat(new NDList(bRe, bIm), rank - 2));               // (…, 2n, k)
        NDArray xRe = x.get(sliceRows(rank, 0, n));
        NDArray xIm = x.get(sliceRows(rank, n, 2 * n));
        return new NDArray[] {xRe, xIm};
    }

    private static String sliceRows(int rank, long from, long to) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < rank - 2; i++) {
            sb.append(":, ");
        }
        return sb.append(from).append(':').append(to).append(", :").toString();
    }
}
