package org.alloc4j.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import org.alloc4j.encoder.CellFreeFeatures;
import org.alloc4j.encoder.Tensors;
import org.alloc4j.envs.cellfree.CellFreeInstance;

/**
 * What a refinement pass of {@code cvln-rzf} reads about the beams of the pass before it
 * ({@link CellFreeRzfCvln}): per link (m, k), with g^m_kj = h_mkᴴ w_mj (noise-normalised, so powers are
 * SNRs) and G_kj = Σ_m g^m_kj the received amplitudes,
 * <ol>
 *   <li>AP m's own signal at k, |g^m_kk|²;</li>
 *   <li>the leakage of beam w_mk to the other users, Σ_{j≠k} |g^m_jk|²;</li>
 *   <li>the interference AP m sends to k, Σ_{j≠k} |g^m_kj|²;</li>
 *   <li>user k's signal |G_kk|² and 5. its interference Σ_{j≠k} |G_kj|² (the same on every link of k);</li>
 * </ol>
 * each as log10(1 + x)/2 (the scale of the edge features); 6. user k's rate log2(1 + SINR_k)/4; 7. the
 * share of AP m's budget its beams use. Plain-Java twin {@link #ofHost}, compared in {@code RzfFeedbackTest}.
 */
final class RzfFeedback {
    /** Features per link. */
    static final int WIDTH = 7;

    private RzfFeedback() {
    }

    /**
     * @param f features of the batch (channels (B, M, K, N) float64, power (B))
     * @param w beams (B, M, K, N) float64
     * @return (B, M, K, {@value #WIDTH}) float32
     */
    static NDArray of(CellFreeFeatures f, Beams w) {
        long b = f.batchSize();
        int m = f.aps();
        int k = f.users();
        int n = f.antennas();
        NDArray hr = f.channelRe().reshape(b * m, k, n);
        NDArray hi = f.channelIm().reshape(b * m, k, n);
        NDArray wr = w.re().reshape(b * m, k, n).swapAxes(1, 2);                                 // (B·M, N, K)
        NDArray wi = w.im().reshape(b * m, k, n).swapAxes(1, 2);
        NDArray gRe = hr.batchMatMul(wr).add(hi.batchMatMul(wi)).reshape(b, m, k, k);            // [k, j] = h_mkᴴ w_mj
        NDArray gIm = hr.batchMatMul(wi).sub(hi.batchMatMul(wr)).reshape(b, m, k, k);
        NDArray q = gRe.square().add(gIm.square());                                              // (B, M, K, K)
        NDArray eye = q.getManager().eye(k).toType(DataType.FLOAT64, false);
        NDArray own = q.mul(eye).sum(new int[] {3});                                             // (B, M, K)
        NDArray leak = q.sum(new int[] {2}).sub(own);                                            // column sums
        NDArray sent = q.sum(new int[] {3}).sub(own);                                            // row sums
        NDArray tRe = gRe.sum(new int[] {1});                                                    // (B, K, K)
        NDArray tIm = gIm.sum(new int[] {1});
        NDArray total = tRe.square().add(tIm.square());
        NDArray signal = total.mul(eye).sum(new int[] {2});                                      // (B, K)
        NDArray interference = total.sum(new int[] {2}).sub(signal);
        NDArray one = Tensors.scalar(signal, 1.0);
        NDArray rate = signal.div(interference.add(one)).add(one).log().div(Tensors.scalar(signal, 4 * Math.log(2)));
        NDArray used = w.re().square().add(w.im().square()).sum(new int[] {2, 3}).div(f.powerW().reshape(-1, 1)); // (B, M)
        NDArray ones = q.getManager().ones(new ai.djl.ndarray.types.Shape(b, m, k), DataType.FLOAT64);
        NDArray[] columns = {
            scaled(own), scaled(leak), scaled(sent),
            ones.mul(scaled(signal).expandDims(1)), ones.mul(scaled(interference).expandDims(1)),
            ones.mul(rate.expandDims(1)), ones.mul(used.expandDims(2)),
        };
        return ai.djl.ndarray.NDArrays.stack(new ai.djl.ndarray.NDList(columns), 3).toType(DataType.FLOAT32, false);
    }

    private static NDArray scaled(NDArray x) {
        return x.add(Tensors.scalar(x, 1.0)).log().div(Tensors.scalar(x, 2 * Math.log(10)));
    }

    /**
     * {@link #of} for one instance in plain Java.
     *
     * @param re beams Re w, (M, K, N) row-major; likewise {@code im}
     * @return (M·K, {@value #WIDTH}) row-major
     */
    static float[] ofHost(CellFreeInstance inst, double[] re, double[] im) {
        int m = inst.aps();
        int k = inst.users();
        int n = inst.antennas();
        double[][] g = inst.apAmplitudes(re, im);
        double[] gRe = g[0];
        double[] gIm = g[1];
        double[] signal = new double[k];
        double[] interference = new double[k];
        for (int u = 0; u < k; u++) {
            for (int j = 0; j < k; j++) {
                double tr = 0;
                double ti = 0;
                for (int a = 0; a < m; a++) {
                    tr += gRe[(a * k + u) * k + j];
                    ti += gIm[(a * k + u) * k + j];
                }
                double p = tr * tr + ti * ti;
                if (j == u) {
                    signal[u] = p;
                } else {
                    interference[u] += p;
                }
            }
        }
        float[] out = new float[m * k * WIDTH];
        for (int a = 0; a < m; a++) {
            double used = 0;
            for (int i = a * k * n; i < (a + 1) * k * n; i++) {
                used += re[i] * re[i] + im[i] * im[i];
            }
            used /= inst.powerW();
            for (int u = 0; u < k; u++) {
                double own = 0;
                double leak = 0;
                double sent = 0;
                for (int j = 0; j < k; j++) {
                    int toU = (a * k + u) * k + j;                 // g^a_uj
                    int fromU = (a * k + j) * k + u;               // g^a_ju
                    if (j == u) {
                        own = gRe[toU] * gRe[toU] + gIm[toU] * gIm[toU];
                    } else {
                        sent += gRe[toU] * gRe[toU] + gIm[toU] * gIm[toU];
                        leak += gRe[fromU] * gRe[fromU] + gIm[fromU] * gIm[fromU];
                    }
                }
                int o = (a * k + u) * WIDTH;
                out[o] = (float) scaled(own);
                out[o + 1] = (float) scaled(leak);
                out[o + 2] = (float) scaled(sent);
                out[o + 3] = (float) scaled(signal[u]);
                out[o + 4] = (float) scaled(interference[u]);
                out[o + 5] = (float) (Math.log1p(signal[u] / (1 + interference[u])) / (4 * Math.log(2)));
                out[o + 6] = (float) used;
            }
        }
        return out;
    }

    private static double scaled(double x) {
        return Math.log1p(x) / (2 * Math.log(10));
    }
}
