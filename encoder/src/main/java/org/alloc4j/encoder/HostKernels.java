package org.alloc4j.encoder;

/** Dense float kernels of the host inference path; arrays are row-major. */
public final class HostKernels {
    private HostKernels() {
    }

    /**
     * acc (rows, cols) += x (rows, width) · W[from : from + width, :], where W's rows are separate arrays of
     * length cols. Every element is summed over the inputs in order, as a plain triple loop would.
     *
     * <p>Four rows at a time, accumulated in local row buffers: the inner loop then indexes a buffer and a
     * weight row by the same counter, which the JIT vectorises (an accumulator at another offset of an
     * array that might be the weights' is not vectorised by Java 17's C2), and each weight row is read
     * once for four rows. Throwaway timing loop over 324 rows (the movable-antenna edges), two trainings
     * sharing the machine, the flat loop before against this one: 16×16 0.5–0.8 against 1.8–2.3 GMAC/s,
     * 48×16 0.7–1.1 against 2.5–3.9, 64×64 0.6–1.7 against 5.3–6.5; on the quiet machine 16×16 took
     * 21–24 µs (3.4–3.9 GMAC/s). Eight rows at a time was slower (2.1–2.4 GMAC/s at 16×16).
     *
     * @param xOffset index of x's first element
     */
    public static void addProduct(float[] x, int xOffset, int rows, int width, float[][] w, int from, float[] acc) {
        if (width == 0 || rows == 0) {
            return;
        }
        int cols = w[from].length;
        float[] t0 = new float[cols];
        float[] t1 = new float[cols];
        float[] t2 = new float[cols];
        float[] t3 = new float[cols];
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            int a0 = r * cols;
            System.arraycopy(acc, a0, t0, 0, cols);
            System.arraycopy(acc, a0 + cols, t1, 0, cols);
            System.arraycopy(acc, a0 + 2 * cols, t2, 0, cols);
            System.arraycopy(acc, a0 + 3 * cols, t3, 0, cols);
            int x0 = xOffset + r * width;
            for (int i = 0; i < width; i++) {
                float v0 = x[x0 + i];
                float v1 = x[x0 + width + i];
                float v2 = x[x0 + 2 * width + i];
                float v3 = x[x0 + 3 * width + i];
                if (v0 == 0f && v1 == 0f && v2 == 0f && v3 == 0f) {
                    continue;   // common after a ReLU
                }
                float[] wi = w[from + i];
                for (int c = 0; c < cols; c++) {
                    float wc = wi[c];
                    t0[c] += v0 * wc;
                    t1[c] += v1 * wc;
                    t2[c] += v2 * wc;
                    t3[c] += v3 * wc;
                }
            }
            System.arraycopy(t0, 0, acc, a0, cols);
            System.arraycopy(t1, 0, acc, a0 + cols, cols);
            System.arraycopy(t2, 0, acc, a0 + 2 * cols, cols);
            System.arraycopy(t3, 0, acc, a0 + 3 * cols, cols);
        }
        for (; r < rows; r++) {
            int ao = r * cols;
            System.arraycopy(acc, ao, t0, 0, cols);
            int xo = xOffset + r * width;
            for (int i = 0; i < width; i++) {
                float xi = x[xo + i];
                if (xi == 0f) {
                    continue;
                }
                float[] wi = w[from + i];
                for (int c = 0; c < cols; c++) {
                    t0[c] += xi * wi[c];
                }
            }
            System.arraycopy(t0, 0, acc, ao, cols);
        }
    }

    /**
     * The feature-major form of {@link #addProduct}: acc[c] (rows) += Σ_{i < x.length} W[c][from + i] · x[i]
     * (rows) for every output c, where x[i] holds input feature i of every row and W's rows are the
     * outputs (the (out, in) layout DJL stores). Every element is summed over the inputs in order.
     *
     * <p>The inner loop runs along the rows and indexes every array by the same counter, which the JIT
     * vectorises. Each pass takes two outputs and two inputs: two loads and two stores of accumulators per
     * four multiply-adds. The loop body must stay small: Java 17's C2 vectorises a loop only after
     * unrolling it, and it unrolls a larger body less (its {@code LoopUnrollLimit}). Throwaway loop on the
     * AVX-512 host, each form in its own JVM, GMAC/s at 324 / 1 296 rows, d = 16, first calls long (first
     * calls of 48 rows): four outputs by one input 37 / 41 (26 / 27); two by two 58 / 52 (31 / 32); four by
     * two 7.7 / 7.9 — not vectorised, unless the JVM runs with {@code -XX:LoopUnrollLimit=200} (70 / 62).
     * At d = 64: 35 / 40 (26 / 26) against 42 / 55 (30 / 30).
     */
    public static void addProductColumns(float[][] x, int rows, float[][] w, int from, float[][] acc) {
        if (rows < LONG_ROWS) {
            productColumnsShort(x, rows, w, from, acc);
        } else {
            productColumnsLong(x, rows, w, from, acc);
        }
    }

    /**
     * Calls of at least this many rows and shorter ones run two copies of the same loop. C2 chooses how far
     * to unroll (and so how many rows one vectorised pass takes) from the trip counts it has seen in that
     * loop, so one copy compiled after long calls ran short ones in its scalar tail. Throwaway loops, batch 1
     * after batch-1 000 passes (groups of 16) in the same JVM, ms per instance: cell-free-v1 (d = 16,
     * trained) one copy 0.25–0.26, split at 256 rows 0.21 (0.19 with no batch-1 000 pass before); after 20
     * passes without interleaving, split at 256 / 128 / 64: 0.228 / 0.215 / 0.209; cell-free-large-v1 (d = 64)
     * after 10 passes 4.36–4.40 / 3.42–3.43 / 3.47–3.50 (3.36–3.51 with none before). 128 it is.
     */
    static final int LONG_ROWS = 128;

    /** {@link #addProductColumns} for fewer than {@link #LONG_ROWS} rows; the same loop as {@link #productColumnsLong}. */
    private static void productColumnsShort(float[][] x, int rows, float[][] w, int from, float[][] acc) {
        int width = x.length;
        int cols = acc.length;
        int c = 0;
        for (; c + 2 <= cols; c += 2) {
            float[] a0 = acc[c];
            float[] a1 = acc[c + 1];
            float[] w0 = w[c];
            float[] w1 = w[c + 1];
            int i = 0;
            for (; i + 2 <= width; i += 2) {
                int f = from + i;
                float s00 = w0[f];
                float s01 = w0[f + 1];
                float s10 = w1[f];
                float s11 = w1[f + 1];
                float[] x0 = x[i];
                float[] x1 = x[i + 1];
                for (int r = 0; r < rows; r++) {
                    float v0 = x0[r];
                    float v1 = x1[r];
                    // left to right, as two passes of one input each would add
                    a0[r] = a0[r] + s00 * v0 + s01 * v1;
                    a1[r] = a1[r] + s10 * v0 + s11 * v1;
                }
            }
            if (i < width) {
                float s0 = w0[from + i];
                float s1 = w1[from + i];
                float[] xi = x[i];
                for (int r = 0; r < rows; r++) {
                    float v = xi[r];
                    a0[r] += s0 * v;
                    a1[r] += s1 * v;
                }
            }
        }
        if (c < cols) {
            float[] a = acc[c];
            float[] wc = w[c];
            for (int i = 0; i < width; i++) {
                float s = wc[from + i];
                float[] xi = x[i];
                for (int r = 0; r < rows; r++) {
                    a[r] += s * xi[r];
                }
            }
        }
    }

    /** {@link #addProductColumns} for at least {@link #LONG_ROWS} rows; the same loop as {@link #productColumnsShort}. */
    private static void productColumnsLong(float[][] x, int rows, float[][] w, int from, float[][] acc) {
        int width = x.length;
        int cols = acc.length;
        int c = 0;
        for (; c + 2 <= cols; c += 2) {
            float[] a0 = acc[c];
            float[] a1 = acc[c + 1];
            float[] w0 = w[c];
            float[] w1 = w[c + 1];
            int i = 0;
            for (; i + 2 <= width; i += 2) {
                int f = from + i;
                float s00 = w0[f];
                float s01 = w0[f + 1];
                float s10 = w1[f];
                float s11 = w1[f + 1];
                float[] x0 = x[i];
                float[] x1 = x[i + 1];
                for (int r = 0; r < rows; r++) {
                    float v0 = x0[r];
                    float v1 = x1[r];
                    // left to right, as two passes of one input each would add
                    a0[r] = a0[r] + s00 * v0 + s01 * v1;
                    a1[r] = a1[r] + s10 * v0 + s11 * v1;
                }
            }
            if (i < width) {
                float s0 = w0[from + i];
                float s1 = w1[from + i];
                float[] xi = x[i];
                for (int r = 0; r < rows; r++) {
                    float v = xi[r];
                    a0[r] += s0 * v;
                    a1[r] += s1 * v;
                }
            }
        }
        if (c < cols) {
            float[] a = acc[c];
            float[] wc = w[c];
            for (int i = 0; i < width; i++) {
                float s = wc[from + i];
                float[] xi = x[i];
                for (int r = 0; r < rows; r++) {
                    a[r] += s * xi[r];
                }
            }
        }
    }

    /** A row-major (rows, cols) array as cols feature arrays of length rows: the layout of {@link #addProductColumns}. */
    public static float[][] columnsOf(float[] a, int rows, int cols) {
        return columnsInto(a, rows, new float[cols][rows], 0);
    }

    /**
     * {@link #columnsOf} into entries {@code at..at + rows − 1} of {@code out}, cols arrays; returns
     * {@code out}.
     */
    public static float[][] columnsInto(float[] a, int rows, float[][] out, int at) {
        int cols = out.length;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c][at + r] = a[r * cols + c];
            }
        }
        return out;
    }

    /** A (rows, cols) row-major matrix as {@code rows} arrays of length cols (the weight form of {@link #addProduct}). */
    public static float[][] rowsOf(float[] a, int rows, int cols) {
        if (a.length != rows * cols) {
            throw new IllegalArgumentException("a " + rows + "×" + cols + " matrix needs " + rows * cols + " entries, got " + a.length);
        }
        float[][] out = new float[rows][];
        for (int r = 0; r < rows; r++) {
            out[r] = java.util.Arrays.copyOfRange(a, r * cols, (r + 1) * cols);
        }
        return out;
    }

    /**
     * tanh(x) through {@link Math#exp}, which the JIT compiles to an intrinsic ({@link Math#tanh} calls
     * into native fdlibm on Java 17); absolute error below 1e-15, relative error below 1e-15 near 0.
     */
    public static double tanh(double x) {
        double a = Math.abs(x);
        if (a < 1e-4) {
            return x * (1 - x * x / 3);  // series; the quotient below would lose x's relative precision
        }
        double e = Math.exp(-2 * a);
        return Math.copySign((1 - e) / (1 + e), x);
    }

    /** The transpose of a (rows, cols) matrix. */
    public static float[] transpose(float[] a, int rows, int cols) {
        float[] t = new float[a.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = a[r * cols + c];
            }
        }
        return t;
    }
}
