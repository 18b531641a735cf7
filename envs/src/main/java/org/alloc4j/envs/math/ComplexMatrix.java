package org.alloc4j.envs.math;

/**
 * A small dense complex matrix (row-major, separate real and imaginary parts) with the few
 * operations the classical beamformers need: products, conjugate transpose and a linear solve.
 * Sizes here are at most a few dozen, so clarity wins over blocking.
 */
public final class ComplexMatrix {
    private final int rows;
    private final int cols;
    private final double[] re;
    private final double[] im;

    public ComplexMatrix(int rows, int cols) {
        this.rows = rows;
        this.cols = cols;
        this.re = new double[rows * cols];
        this.im = new double[rows * cols];
    }

    public static ComplexMatrix identity(int n) {
        ComplexMatrix m = new ComplexMatrix(n, n);
        for (int i = 0; i < n; i++) {
            m.re[i * n + i] = 1;
        }
        return m;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public double re(int r, int c) {
        return re[r * cols + c];
    }

    public double im(int r, int c) {
        return im[r * cols + c];
    }

    public void set(int r, int c, double real, double imag) {
        re[r * cols + c] = real;
        im[r * cols + c] = imag;
    }

    public void add(int r, int c, double real, double imag) {
        re[r * cols + c] += real;
        im[r * cols + c] += imag;
    }

    /** this · other. */
    public ComplexMatrix times(ComplexMatrix other) {
        if (cols != other.rows) {
            throw new IllegalArgumentException("cannot multiply " + rows + "x" + cols + " by " + other.rows + "x" + other.cols);
        }
        ComplexMatrix out = new ComplexMatrix(rows, other.cols);
        for (int i = 0; i < rows; i++) {
            for (int k = 0; k < cols; k++) {
                double ar = re[i * cols + k];
                double ai = im[i * cols + k];
                if (ar == 0 && ai == 0) {
                    continue;
                }
                for (int j = 0; j < other.cols; j++) {
                    double br = other.re[k * other.cols + j];
                    double bi = other.im[k * other.cols + j];
                    out.re[i * other.cols + j] += ar * br - ai * bi;
                    out.im[i * other.cols + j] += ar * bi + ai * br;
                }
            }
        }
        return out;
    }

    /** thisᴴ. */
    public ComplexMatrix conjugateTranspose() {
        ComplexMatrix out = new ComplexMatrix(cols, rows);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out.re[j * rows + i] = re[i * cols + j];
                out.im[j * rows + i] = -im[i * cols + j];
            }
        }
        return out;
    }

    /** Adds {@code value} to every diagonal entry, in place. */
    public ComplexMatrix addToDiagonal(double value) {
        for (int i = 0; i < Math.min(rows, cols); i++) {
            re[i * cols + i] += value;
        }
        return this;
    }

    /**
     * The unnormalised optimal-structure directions (noise 1) of a transmitter with channel columns
     * h_j: column k of the result is v_k = (I_N + Σ_j λ_j h_j h_jᴴ)⁻¹ h_k.
     *
     * @param h      (N, K): column j is h_j
     * @param lambda λ_j ≥ 0, length K
     * @return (N, K)
     */
    public static ComplexMatrix structureDirections(ComplexMatrix h, double[] lambda) {
        int n = h.rows;
        if (lambda.length != h.cols) {
            throw new IllegalArgumentException("lambda has " + lambda.length + " entries for " + h.cols + " channel columns");
        }
        ComplexMatrix a = identity(n);
        for (int j = 0; j < h.cols; j++) {
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < n; c++) {
                    // λ_j h_r conj(h_c)
                    double rr = h.re(r, j);
                    double ri = h.im(r, j);
                    double cr = h.re(c, j);
                    double ci = h.im(c, j);
                    a.add(r, c, lambda[j] * (rr * cr + ri * ci), lambda[j] * (ri * cr - rr * ci));
                }
            }
        }
        return a.solve(h);
    }

    /** Squared Euclidean norm of column c. */
    public double columnNormSquared(int c) {
        double s = 0;
        for (int r = 0; r < rows; r++) {
            s += re[r * cols + c] * re[r * cols + c] + im[r * cols + c] * im[r * cols + c];
        }
        return s;
    }

    /** Trace (real part) — for Hermitian matrices the trace. */
    public double traceRe() {
        double s = 0;
        for (int i = 0; i < Math.min(rows, cols); i++) {
            s += re[i * cols + i];
        }
        return s;
    }

    /**
     * X with this · X = b, by Gauss–Jordan elimination with partial pivoting.
     *
     * @throws ArithmeticException if the matrix is singular to working precision
     */
    public ComplexMatrix solve(ComplexMatrix b) {
        if (rows != cols || b.rows != rows) {
            throw new IllegalArgumentException("solve needs a square matrix and matching rows: " + rows + "x" + cols
                    + " and " + b.rows + "x" + b.cols);
        }
        int n = rows;
        int m = b.cols;
        double[] ar = re.clone();
        double[] ai = im.clone();
        double[] xr = b.re.clone();
        double[] xi = b.im.clone();
        double scale = 0;
        for (int i = 0; i < ar.length; i++) {
            scale = Math.max(scale, Math.hypot(ar[i], ai[i]));
        }
        for (int col = 0; col < n; col++) {
            int piv = col;
            double best = -1;
            for (int r = col; r < n; r++) {
                double v = Math.hypot(ar[r * n + col], ai[r * n + col]);
                if (v > best) {
                    best = v;
                    piv = r;
                }
            }
            if (best <= 1e-300 || best <= 1e-14 * scale) {
                throw new ArithmeticException("matrix is singular to working precision (pivot " + best + " at column " + col + ")");
            }
            if (piv != col) {
                swapRows(ar, ai, n, piv, col);
                swapRows(xr, xi, m, piv, col);
            }
            double pr = ar[col * n + col];
            double pi = ai[col * n + col];
            double d = pr * pr + pi * pi;
            double ir = pr / d;
            double ii = -pi / d;
            for (int j = 0; j < n; j++) {
                double vr = ar[col * n + j];
                double vi = ai[col * n + j];
                ar[col * n + j] = vr * ir - vi * ii;
                ai[col * n + j] = vr * ii + vi * ir;
            }
            for (int j = 0; j < m; j++) {
                double vr = xr[col * m + j];
                double vi = xi[col * m + j];
                xr[col * m + j] = vr * ir - vi * ii;
                xi[col * m + j] = vr * ii + vi * ir;
            }
            for (int r = 0; r < n; r++) {
                if (r == col) {
                    continue;
                }
                double fr = ar[r * n + col];
                double fi = ai[r * n + col];
                if (fr == 0 && fi == 0) {
                    continue;
                }
                for (int j = 0; j < n; j++) {
                    double vr = ar[col * n + j];
                    double vi = ai[col * n + j];
                    ar[r * n + j] -= fr * vr - fi * vi;
                    ai[r * n + j] -= fr * vi + fi * vr;
                }
                for (int j = 0; j < m; j++) {
                    double vr = xr[col * m + j];
                    double vi = xi[col * m + j];
                    xr[r * m + j] -= fr * vr - fi * vi;
                    xi[r * m + j] -= fr * vi + fi * vr;
                }
            }
        }
        ComplexMatrix x = new ComplexMatrix(n, m);
        System.arraycopy(xr, 0, x.re, 0, xr.length);
        System.arraycopy(xi, 0, x.im, 0, xi.length);
        return x;
    }

    private static void swapRows(double[] re, double[] im, int width, int a, int b) {
        for (int j = 0; j < width; j++) {
            double t = re[a * width + j];
            re[a * width + j] = re[b * width + j];
            re[b * width + j] = t;
            t = im[a * width + j];
            im[a * width + j] = im[b * width + j];
            im[b * width + j] = t;
        }
    }
}
