package org.alloc4j.encoder;

/** Dense float kernels of the host inference path; arrays are row-major. */
public final class HostKernels {
    private HostKernels() {
    }

    /**
     * acc (rows, cols) += x (rows, width) · w[from : from + width, :], where w is (·, cols). The inner
     * loop runs along a row of w (contiguous, so the JIT can vectorise it).
     *
     * @param xOffset index of x's first element
     */
    public static void addProduct(float[] x, int xOffset, int rows, int width, float[] w, int from, int cols, float[] acc) {
        for (int r = 0; r < rows; r++) {
            int xo = xOffset + r * width;
            int ao = r * cols;
            for (int i = 0; i < width; i++) {
                float xi = x[xo + i];
                if (xi == 0f) {
                    continue;
                }
                int wo = (from + i) * cols;
                for (int c = 0; c < cols; c++) {
                    acc[ao + c] += xi * w[wo + c];
                }
            }
        }
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
