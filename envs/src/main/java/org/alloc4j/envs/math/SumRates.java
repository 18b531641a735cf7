package org.alloc4j.envs.math;

/** The sum rate from effective channels, shared by the environments' exact objectives. */
public final class SumRates {
    private static final double LN2 = Math.log(2.0);

    private SumRates() {
    }

    /**
     * R = Σ_k log2(1 + |g_kk|² / (Σ_{j≠k} |g_kj|² + 1)) [bit/s/Hz] with unit (normalised) noise.
     *
     * @param gRe real parts of g_kj = h_kᴴ w_j, {@code [K][K]} row-major (row k = receiver)
     * @param gIm imaginary parts, same layout
     * @param users K
     */
    public static double fromEffectiveChannels(double[] gRe, double[] gIm, int users) {
        double total = 0;
        for (int k = 0; k < users; k++) {
            double signal = 0;
            double interference = 0;
            for (int j = 0; j < users; j++) {
                int i = k * users + j;
                double p = gRe[i] * gRe[i] + gIm[i] * gIm[i];
                if (j == k) {
                    signal = p;
                } else {
                    interference += p;
                }
            }
            total += Math.log1p(signal / (interference + 1.0)) / LN2;
        }
        return total;
    }
}
