package org.alloc4j.envs.math;

/**
 * Eigen-decomposition A = Q·diag(λ)·Qᴴ of a small Hermitian matrix by cyclic complex Jacobi rotations.
 *
 * <p>Written by hand because EJML has no complex eigen-decomposition and the baselines need many
 * decompositions of N×N matrices with N ≤ 16, where an allocation-free kernel matters. Accuracy:
 * off-diagonal mass below 1e-15 of the Frobenius norm, or 100 sweeps. Reusable: one instance per
 * thread, sized for the largest N it will see.
 */
public final class HermitianEigen {
    private final int capacity;
    private final double[] aRe;
    private final double[] aIm;
    private final double[] qRe;
    private final double[] qIm;
    private final double[] values;
    private int n;

    public HermitianEigen(int capacity) {
        this.capacity = capacity;
        aRe = new double[capacity * capacity];
        aIm = new double[capacity * capacity];
        qRe = new double[capacity * capacity];
        qIm = new double[capacity * capacity];
        values = new double[capacity];
    }

    /**
     * Decomposes the n×n Hermitian matrix given row-major in {@code re}, {@code im} (only the values are
     * read; the strict lower triangle is assumed to be the conjugate of the upper).
     */
    public void decompose(double[] re, double[] im, int size) {
        if (size > capacity) {
            throw new IllegalArgumentException("matrix of size " + size + " exceeds capacity " + capacity);
        }
        this.n = size;
        double frob = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int s = i * n + j;
                aRe[s] = re[s];
                aIm[s] = i == j ? 0.0 : im[s];
                frob += re[s] * re[s] + im[s] * im[s];
                qRe[s] = i == j ? 1.0 : 0.0;
                qIm[s] = 0.0;
            }
        }
        double tol = 1e-30 * Math.max(frob, Double.MIN_NORMAL);
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    int s = p * n + q;
                    off += aRe[s] * aRe[s] + aIm[s] * aIm[s];
                }
            }
            if (off <= tol) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    rotate(p, q);
                }
            }
        }
        for (int i = 0; i < n; i++) {
            values[i] = aRe[i * n + i];
        }
    }

    /** Zeroes a_pq with J = [[c, s],[−s·e^{−iφ}, c·e^{−iφ}]] on (p, q), a_pq = |a_pq|·e^{iφ}; A ← Jᴴ A J. */
    private void rotate(int p, int q) {
        int pq = p * n + q;
        double r = Math.hypot(aRe[pq], aIm[pq]);
        if (r == 0) {
            return;
        }
        double ePhRe = aRe[pq] / r; // e^{iφ}
        double ePhIm = aIm[pq] / r;
        double app = aRe[p * n + p];
        double aqq = aRe[q * n + q];
        double theta = (aqq - app) / (2 * r);
        double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        if (theta == 0) {
            t = 1;
        }
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        // e^{−iφ}
        double emRe = ePhRe;
        double emIm = -ePhIm;
        // columns: A ← A J ; Q ← Q J
        for (int row = 0; row < n; row++) {
            int ip = row * n + p;
            int iq = row * n + q;
            applyColumns(aRe, aIm, ip, iq, c, s, emRe, emIm);
            applyColumns(qRe, qIm, ip, iq, c, s, emRe, emIm);
        }
        // rows: A ← Jᴴ A
        for (int col = 0; col < n; col++) {
            int ip = p * n + col;
            int iq = q * n + col;
            double xr = aRe[ip];
            double xi = aIm[ip];
            double yr = aRe[iq];
            double yi = aIm[iq];
            // row p' = c·row_p − s·e^{iφ}·row_q ; row q' = s·row_p + c·e^{iφ}·row_q
            double eyr = ePhRe * yr - ePhIm * yi;
            double eyi = ePhRe * yi + ePhIm * yr;
            aRe[ip] = c * xr - s * eyr;
            aIm[ip] = c * xi - s * eyi;
            aRe[iq] = s * xr + c * eyr;
            aIm[iq] = s * xi + c * eyi;
        }
        aRe[pq] = 0;
        aIm[pq] = 0;
        aRe[q * n + p] = 0;
        aIm[q * n + p] = 0;
        aIm[p * n + p] = 0;
        aIm[q * n + q] = 0;
    }

    /** x' = c·x − s·e^{−iφ}·y ; y' = s·x + c·e^{−iφ}·y for x = M[., p], y = M[., q]. */
    private static void applyColumns(double[] re, double[] im, int ip, int iq, double c, double s, double emRe,
                                     double emIm) {
        double xr = re[ip];
        double xi = im[ip];
        double yr = re[iq];
        double yi = im[iq];
        double eyr = emRe * yr - emIm * yi;
        double eyi = emRe * yi + emIm * yr;
        re[ip] = c * xr - s * eyr;
        im[ip] = c * xi - s * eyi;
        re[iq] = s * xr + c * eyr;
        im[iq] = s * xi + c * eyi;
    }

    /** Size of the last decomposed matrix. */
    public int size() {
        return n;
    }

    /** Eigenvalue i (not sorted). */
    public double value(int i) {
        return values[i];
    }

    /** Re of Q[row][col]: component {@code row} of eigenvector {@code col}. */
    public double vectorRe(int row, int col) {
        return qRe[row * n + col];
    }

    /** Im of Q[row][col]. */
    public double vectorIm(int row, int col) {
        return qIm[row * n + col];
    }

    /** Largest eigenvalue. */
    public double maxValue() {
        double m = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            m = Math.max(m, values[i]);
        }
        return m;
    }
}
