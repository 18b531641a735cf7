package org.alloc4j.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.Arrays;

/**
 * Beamformers of a batch as real and imaginary parts in the environment's layout: cell-free
 * (B, M, K, N) = w_mk, movable antennas (B, N, K) with rows in ascending candidate order. Float64,
 * noise-normalised units (powers in [W]). Reading rows on the host copies the whole batch once.
 */
public final class Beams {
    private final NDArray re;
    private final NDArray im;
    private double[] hostRe;
    private double[] hostIm;

    public Beams(NDArray re, NDArray im) {
        this.re = re;
        this.im = im;
    }

    public NDArray re() {
        return re;
    }

    public NDArray im() {
        return im;
    }

    /** Re of row {@code row}, which must hold {@code per} entries, in double precision. */
    double[] rowRe(int row, int per) {
        if (hostRe == null) {
            hostRe = re.toType(DataType.FLOAT64, false).toDoubleArray();
        }
        return row(hostRe, row, per);
    }

    /** Im of row {@code row}, as {@link #rowRe}. */
    double[] rowIm(int row, int per) {
        if (hostIm == null) {
            hostIm = im.toType(DataType.FLOAT64, false).toDoubleArray();
        }
        return row(hostIm, row, per);
    }

    private double[] row(double[] all, int row, int per) {
        long rows = re.getShape().get(0);
        if (all.length != rows * per) {
            throw new IllegalStateException("rows have " + all.length / rows + " entries, expected " + per);
        }
        return Arrays.copyOfRange(all, row * per, (row + 1) * per);
    }
}
