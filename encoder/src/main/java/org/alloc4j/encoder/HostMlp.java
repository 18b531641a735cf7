package org.alloc4j.encoder;

/**
 * A copy of an {@link Mlp}'s parameters on the host, evaluated in plain Java: for greedy inference at
 * small batches, where the native calls around a handful of small products cost more than the
 * products. Batch normalisation is not supported (the MLPs used this way have none).
 *
 * <p>Row-major ({@link #apply}, {@link #applyRows}) or feature-major ({@link #applyColumns}, one array per
 * feature). The feature-major first layer can be applied part by part, like {@link Mlp#applyConcat}:
 * {@link #addFirstLayerColumns} accumulates x_part·W_partᵀ for one block of input columns, so node
 * features are multiplied once per node and then broadcast over edges.
 */
public final class HostMlp {
    private final float[][] w1t;  // (in, hidden): w1t[i][h] = W1[h][i]
    private final float[][] w1;   // (hidden, in), for the feature-major products
    private final float[] b1;     // (hidden)
    private final float[][] w2t;  // (hidden, out)
    private final float[][] w2;   // (out, hidden)
    private final float[] b2;     // (out)
    private final int in;
    private final int hidden;
    private final int out;
    private final boolean finalRelu;

    /** @param w1 (hidden, in) row-major, as DJL stores it; likewise {@code w2} (out, hidden) */
    HostMlp(float[] w1, float[] b1, float[] w2, float[] b2, int in, int hidden, int out, boolean finalRelu) {
        this.w1t = HostKernels.rowsOf(HostKernels.transpose(w1, hidden, in), in, hidden);
        this.w1 = HostKernels.rowsOf(w1, hidden, in);
        this.b1 = b1;
        this.w2 = HostKernels.rowsOf(w2, out, hidden);
        this.w2t = HostKernels.rowsOf(HostKernels.transpose(w2, out, hidden), hidden, out);
        this.b2 = b2;
        this.in = in;
        this.hidden = hidden;
        this.out = out;
        this.finalRelu = finalRelu;
    }

    public int inputWidth() {
        return in;
    }

    public int hiddenWidth() {
        return hidden;
    }

    public int outputWidth() {
        return out;
    }

    /** The MLP of one row {@code x} (in) into {@code y} (out); {@code scratch} holds at least {@code hidden} floats. */
    public void apply(float[] x, float[] scratch, float[] y) {
        java.util.Arrays.fill(scratch, 0, hidden, 0f);
        HostKernels.addProduct(x, 0, 1, in, w1t, 0, scratch);
        finishRows(scratch, 1, y);
    }

    /** The MLP of {@code rows} rows of {@code x} (rows, in); returns (rows, out). */
    public float[] applyRows(float[] x, int rows) {
        float[] acc = new float[rows * hidden];
        HostKernels.addProduct(x, 0, rows, in, w1t, 0, acc);
        float[] y = new float[rows * out];
        finishRows(acc, rows, y);
        return y;
    }

    /**
     * Everything after the first layer's products: y (rows, out) = [ReLU](ReLU(acc + b1)·W2ᵀ + b2).
     * {@code acc} is overwritten.
     */
    public void finishRows(float[] acc, int rows, float[] y) {
        for (int r = 0; r < rows; r++) {
            int o = r * hidden;
            for (int h = 0; h < hidden; h++) {
                acc[o + h] = Math.max(acc[o + h] + b1[h], 0f);
            }
        }
        for (int r = 0; r < rows; r++) {
            System.arraycopy(b2, 0, y, r * out, out);
        }
        HostKernels.addProduct(acc, 0, rows, hidden, w2t, 0, y);
        if (finalRelu) {
            for (int i = 0; i < rows * out; i++) {
                y[i] = Math.max(y[i], 0f);
            }
        }
    }

    /**
     * The MLP of feature-major x, in arrays of {@code rows}: returns out arrays of {@code rows}, taken
     * from {@code ws} (the caller gives them back).
     */
    float[][] applyColumns(float[][] x, int rows, HostWorkspace ws) {
        float[][] acc = ws.take(hidden, rows);
        addFirstLayerColumns(x, rows, 0, acc);
        return finishColumns(acc, rows, ws);
    }

    /**
     * acc (hidden arrays of rows) += the first layer's term of the feature-major input columns
     * {@code from..from+x.length-1}, without the bias.
     */
    void addFirstLayerColumns(float[][] x, int rows, int from, float[][] acc) {
        if (from < 0 || from + x.length > in) {
            throw new IllegalArgumentException("columns " + from + ".." + (from + x.length) + " outside the MLP's " + in + " inputs");
        }
        HostKernels.addProductColumns(x, rows, w1, from, acc);
    }

    /**
     * The feature-major {@link #finishRows}: out arrays of {@code rows} from {@code ws}; {@code acc}, taken
     * from {@code ws}, is given back.
     */
    float[][] finishColumns(float[][] acc, int rows, HostWorkspace ws) {
        for (int h = 0; h < hidden; h++) {
            float[] a = acc[h];
            float b = b1[h];
            for (int r = 0; r < rows; r++) {
                a[r] = Math.max(a[r] + b, 0f);
            }
        }
        float[][] y = ws.takeToOverwrite(out, rows);
        for (int o = 0; o < out; o++) {
            java.util.Arrays.fill(y[o], b2[o]);
        }
        HostKernels.addProductColumns(acc, rows, w2, 0, y);
        ws.give(acc);
        if (finalRelu) {
            for (float[] yo : y) {
                for (int r = 0; r < rows; r++) {
                    yo[r] = Math.max(yo[r], 0f);
                }
            }
        }
        return y;
    }
}
