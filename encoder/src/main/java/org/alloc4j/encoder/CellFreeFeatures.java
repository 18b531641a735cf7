package org.alloc4j.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.alloc4j.envs.cellfree.CellFreeInstance;

/**
 * Tensors of a batch of cell-free instances of the same size.
 *
 * <p>Edge features of link (m, k), width 2N+1: the channel direction h_mk/‖h_mk‖ as real and imaginary
 * parts, then the log link SNR s_mk = log10(1 + P·‖h_mk‖²/σ²)/2 (≈ 0…3), which also carries the power
 * budget, so one network can serve a power sweep.
 *
 * @param edges     (B, M, K, 2N+1) float32
 * @param channelRe Re h_mk/σ, (B, M, K, N) float64
 * @param channelIm Im h_mk/σ, (B, M, K, N) float64
 * @param powerW    per-AP budget [W], (B) float64
 */
public record CellFreeFeatures(NDArray edges, NDArray channelRe, NDArray channelIm, NDArray powerW, int aps, int users,
                               int antennas) implements Features {

    /** Edge feature width for N antennas per AP. */
    public static int edgeWidth(int antennas) {
        return 2 * antennas + 1;
    }

    @Override
    public int batchSize() {
        return (int) powerW.getShape().get(0);
    }

    /** Featurises instances that share M, K and N. */
    public static CellFreeFeatures of(NDManager manager, List<CellFreeInstance> batch) {
        CellFreeInstance first = batch.get(0);
        int m = first.aps();
        int k = first.users();
        int n = first.antennas();
        int b = batch.size();
        int f = edgeWidth(n);
        float[] edges = new float[b * m * k * f];
        double[] re = new double[b * m * k * n];
        double[] im = new double[b * m * k * n];
        double[] power = new double[b];
        for (int i = 0; i < b; i++) {
            CellFreeInstance inst = batch.get(i);
            if (inst.aps() != m || inst.users() != k || inst.antennas() != n) {
                throw new IllegalArgumentException("a batch needs instances of one size; got " + first + " and " + inst);
            }
            power[i] = inst.powerW();
            for (int a = 0; a < m; a++) {
                for (int u = 0; u < k; u++) {
                    double g = inst.channelGain(a, u);
                    double norm = Math.sqrt(g);
                    int e = ((i * m + a) * k + u) * f;
                    for (int x = 0; x < n; x++) {
                        double hr = inst.re(a, u, x);
                        double hi = inst.im(a, u, x);
                        int c = ((i * m + a) * k + u) * n + x;
                        re[c] = hr;
                        im[c] = hi;
                        edges[e + x] = norm > 0 ? (float) (hr / norm) : 0f;
                        edges[e + n + x] = norm > 0 ? (float) (hi / norm) : 0f;
                    }
                    edges[e + 2 * n] = (float) (Math.log10(1 + inst.powerW() * g) / 2);
                }
            }
        }
        return new CellFreeFeatures(Tensors.floats(manager, edges, new Shape(b, m, k, f)),
                Tensors.doubles(manager, re, new Shape(b, m, k, n)), Tensors.doubles(manager, im, new Shape(b, m, k, n)),
                Tensors.doubles(manager, power, new Shape(b)), m, k, n);
    }
}
