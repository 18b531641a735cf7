package org.alloc4j.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.alloc4j.envs.cellfree.CellFreeInstance;
import org.alloc4j.envs.math.ComplexMatrix;

/**
 * Tensors of a batch of cell-free instances of the same size.
 *
 * <p>Edge features of link (m, k), width 2N+1: the channel direction h_mk/‖h_mk‖ as real and imaginary
 * parts, then the log link SNR s_mk = log10(1 + P·‖h_mk‖²/σ²)/2 (≈ 0…3), which also carries the power
 * budget, so one network can serve a power sweep.
 *
 * <p>Structure features of link (m, k), width 2, for the continuous networks: with v̂_mk the unit
 * direction of the equal-weight structure precoder of AP m (SPEC §4.3 with λ_mj = P/K for all K UEs,
 * the {@code structure} baseline), log10(1 + P·|h_mkᴴ v̂_mk|²/σ²)/2 (the SNR the link would have with the
 * whole budget) and log10(1 + P·Σ_{j≠k}|h_mjᴴ v̂_mk|²/σ²)/2 (the interference it would leak to the other
 * UEs). They give each link the pairwise channel geometry at its AP, which mean-aggregating GNN layers
 * only see through products of features.
 *
 * @param edges     (B, M, K, 2N+1) float32
 * @param channelRe Re h_mk/σ, (B, M, K, N) float64
 * @param channelIm Im h_mk/σ, (B, M, K, N) float64
 * @param powerW    per-AP budget [W], (B) float64
 * @param structure structure features, (B, M, K, 2) float32
 */
public record CellFreeFeatures(NDArray edges, NDArray channelRe, NDArray channelIm, NDArray powerW, NDArray structure,
                               int aps, int users, int antennas) implements Features {

    /** Width of the structure features. */
    public static final int STRUCTURE_WIDTH = 2;

    /** Edge feature width for N antennas per AP. */
    public static int edgeWidth(int antennas) {
        return 2 * antennas + 1;
    }

    /** Input width of a continuous network, with or without the structure features. */
    public static int cvlnInputWidth(int antennas, boolean withStructure) {
        return edgeWidth(antennas) + (withStructure ? STRUCTURE_WIDTH : 0);
    }

    /** Input of a continuous network: the edge features, then the structure features if asked, (B, M, K, F). */
    public NDArray cvlnInput(boolean withStructure) {
        return withStructure ? edges.concat(structure, 3) : edges;
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
        float[] structure = new float[b * m * k * STRUCTURE_WIDTH];
        for (int i = 0; i < b; i++) {
            CellFreeInstance inst = batch.get(i);
            if (inst.aps() != m || inst.users() != k || inst.antennas() != n) {
                throw new IllegalArgumentException("a batch needs instances of one size; got " + first + " and " + inst);
            }
            power[i] = inst.powerW();
            writeEdges(inst, edges, i * m * k * f);
            for (int a = 0; a < m; a++) {
                for (int u = 0; u < k; u++) {
                    for (int x = 0; x < n; x++) {
                        int c = ((i * m + a) * k + u) * n + x;
                        re[c] = inst.re(a, u, x);
                        im[c] = inst.im(a, u, x);
                    }
                }
            }
            writeStructure(inst, structure, i * m * k * STRUCTURE_WIDTH);
        }
        return new CellFreeFeatures(Tensors.floats(manager, edges, new Shape(b, m, k, f)),
                Tensors.doubles(manager, re, new Shape(b, m, k, n)), Tensors.doubles(manager, im, new Shape(b, m, k, n)),
                Tensors.doubles(manager, power, new Shape(b)),
                Tensors.floats(manager, structure, new Shape(b, m, k, STRUCTURE_WIDTH)), m, k, n);
    }

    /** One instance's edge features, (M·K, 2N+1) row-major, for the host path. */
    public static float[] edgesOf(CellFreeInstance inst) {
        float[] out = new float[inst.aps() * inst.users() * edgeWidth(inst.antennas())];
        writeEdges(inst, out, 0);
        return out;
    }

    /** One instance's structure features, (M·K, 2) row-major, for the host path. */
    public static float[] structureOf(CellFreeInstance inst) {
        float[] out = new float[inst.aps() * inst.users() * STRUCTURE_WIDTH];
        writeStructure(inst, out, 0);
        return out;
    }

    private static void writeEdges(CellFreeInstance inst, float[] edges, int offset) {
        int n = inst.antennas();
        int f = edgeWidth(n);
        for (int a = 0; a < inst.aps(); a++) {
            for (int u = 0; u < inst.users(); u++) {
                double g = inst.channelGain(a, u);
                double norm = Math.sqrt(g);
                int e = offset + (a * inst.users() + u) * f;
                for (int x = 0; x < n; x++) {
                    edges[e + x] = norm > 0 ? (float) (inst.re(a, u, x) / norm) : 0f;
                    edges[e + n + x] = norm > 0 ? (float) (inst.im(a, u, x) / norm) : 0f;
                }
                edges[e + 2 * n] = (float) (Math.log10(1 + inst.powerW() * g) / 2);
            }
        }
    }

    private static void writeStructure(CellFreeInstance inst, float[] out, int offset) {
        for (int a = 0; a < inst.aps(); a++) {
            structureFeatures(inst, a, out, offset + a * inst.users() * STRUCTURE_WIDTH);
        }
    }

    /** Writes the structure features of AP {@code ap}'s K links from {@code offset}. */
    private static void structureFeatures(CellFreeInstance inst, int ap, float[] out, int offset) {
        int k = inst.users();
        double p = inst.powerW();
        double[] lambda = new double[k];
        java.util.Arrays.fill(lambda, p / k);
        ComplexMatrix v = inst.structureDirections(ap, lambda);
        ComplexMatrix gains = inst.apChannels(ap).conjugateTranspose().times(v);                                  // (j, k): h_jᴴ v_k
        for (int u = 0; u < k; u++) {
            double norm2 = v.columnNormSquared(u);
            double signal = 0;
            double leak = 0;
            if (norm2 > 0) {
                for (int j = 0; j < k; j++) {
                    double g2 = (gains.re(j, u) * gains.re(j, u) + gains.im(j, u) * gains.im(j, u)) / norm2;
                    if (j == u) {
                        signal = g2;
                    } else {
                        leak += g2;
                    }
                }
            }
            out[offset + u * STRUCTURE_WIDTH] = (float) (Math.log10(1 + p * signal) / 2);
            out[offset + u * STRUCTURE_WIDTH + 1] = (float) (Math.log10(1 + p * leak) / 2);
        }
    }
}
