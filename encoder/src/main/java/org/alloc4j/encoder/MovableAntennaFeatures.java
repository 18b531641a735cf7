package org.alloc4j.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.alloc4j.envs.movable.CandidateGrid;
import org.alloc4j.envs.movable.MovableAntennaInstance;

/**
 * Tensors of a batch of movable-antenna instances on the same grid.
 *
 * <p>Edge features of (CP q, UE k), width 3: h_{k,q}/rms_k as real and imaginary parts (rms_k over the
 * CPs of UE k) and log10(1 + P·|h_{k,q}|²/σ²)/2. CP node features: the position scaled to [−1, 1].
 *
 * @param edges     (B, Q, K, 3) float32
 * @param positions (Q, 2) float32
 * @param channelRe Re h_{k,q}/σ, (B, K, Q) float64
 * @param channelIm Im h_{k,q}/σ, (B, K, Q) float64
 * @param powerW    total budget [W], (B) float64
 */
public record MovableAntennaFeatures(NDArray edges, NDArray positions, NDArray channelRe, NDArray channelIm,
                                     NDArray powerW, int candidates, int users) implements Features {
    public static final int EDGE_WIDTH = 3;

    @Override
    public int batchSize() {
        return (int) powerW.getShape().get(0);
    }

    public static MovableAntennaFeatures of(NDManager manager, List<MovableAntennaInstance> batch) {
        MovableAntennaInstance first = batch.get(0);
        CandidateGrid grid = first.grid();
        int q = first.candidates();
        int k = first.users();
        int b = batch.size();
        float[] edges = new float[b * q * k * EDGE_WIDTH];
        double[] re = new double[b * k * q];
        double[] im = new double[b * k * q];
        double[] power = new double[b];
        for (int i = 0; i < b; i++) {
            MovableAntennaInstance inst = batch.get(i);
            if (!inst.grid().equals(grid) || inst.users() != k) {
                throw new IllegalArgumentException("a batch needs instances on one grid with one K; got " + first + " and " + inst);
            }
            power[i] = inst.powerW();
            System.arraycopy(edgesOf(inst), 0, edges, i * q * k * EDGE_WIDTH, q * k * EDGE_WIDTH);
            for (int u = 0; u < k; u++) {
                for (int c = 0; c < q; c++) {
                    re[(i * k + u) * q + c] = inst.re(u, c);
                    im[(i * k + u) * q + c] = inst.im(u, c);
                }
            }
        }
        return new MovableAntennaFeatures(Tensors.floats(manager, edges, new Shape(b, q, k, EDGE_WIDTH)),
                Tensors.floats(manager, positionsOf(grid), new Shape(q, 2)), Tensors.doubles(manager, re, new Shape(b, k, q)),
                Tensors.doubles(manager, im, new Shape(b, k, q)), Tensors.doubles(manager, power, new Shape(b)), q, k);
    }

    /** One instance's edge features, (Q·K, 3) row-major with edge (q, k) at row q·K + k. */
    public static float[] edgesOf(MovableAntennaInstance inst) {
        return edgesOf(inst, java.util.stream.IntStream.range(0, inst.candidates()).toArray());
    }

    /**
     * The edge features of the CPs {@code cps} only, (|cps|·K, 3) with edge (cps[i], k) at row i·K + k:
     * the same numbers as those rows of {@link #edgesOf(MovableAntennaInstance)} (rms_k still runs over
     * all Q CPs), without the logarithms of the others.
     */
    public static float[] edgesOf(MovableAntennaInstance inst, int[] cps) {
        int q = inst.candidates();
        int k = inst.users();
        float[] edges = new float[cps.length * k * EDGE_WIDTH];
        for (int u = 0; u < k; u++) {
            double ms = 0;
            for (int c = 0; c < q; c++) {
                ms += inst.re(u, c) * inst.re(u, c) + inst.im(u, c) * inst.im(u, c);
            }
            double rms = Math.sqrt(ms / q);
            for (int i = 0; i < cps.length; i++) {
                double hr = inst.re(u, cps[i]);
                double hi = inst.im(u, cps[i]);
                int e = (i * k + u) * EDGE_WIDTH;
                edges[e] = rms > 0 ? (float) (hr / rms) : 0f;
                edges[e + 1] = rms > 0 ? (float) (hi / rms) : 0f;
                edges[e + 2] = (float) (Math.log10(1 + inst.powerW() * (hr * hr + hi * hi)) / 2);
            }
        }
        return edges;
    }

    /** The CP node features of a grid: positions scaled to [−1, 1], (Q, 2). */
    public static float[] positionsOf(CandidateGrid grid) {
        int q = grid.size();
        float[] pos = new float[q * 2];
        double half = grid.areaSide() / 2;
        for (int c = 0; c < q; c++) {
            pos[2 * c] = (float) (grid.x(c) / half);
            pos[2 * c + 1] = (float) (grid.y(c) / half);
        }
        return pos;
    }
}
