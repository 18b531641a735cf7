package org.alloc4j.encoder;

/**
 * One instance's node and edge features on the host (the host twin of {@link GraphState} for a single
 * row), row-major: tx (M, d), rx (K, d), edges (M·K, d) with edge (i, j) at row i·K + j. The edges are
 * null in the output of a GNN whose last layer makes node features only ({@link EngnnLayer.Outputs#TX},
 * {@link EngnnLayer.Outputs#RX}): that layer leaves its edge inputs as they were, and the readers of such
 * an output (the movable-antenna decoder and CVLN) read nodes only.
 */
public record HostGraph(float[] tx, float[] rx, float[] edges, int transmitters, int receivers, int width) {
    public HostGraph {
        if (tx.length != transmitters * width || rx.length != receivers * width
                || edges != null && edges.length != transmitters * receivers * width) {
            throw new IllegalArgumentException("host graph arrays do not fit M = " + transmitters + ", K = "
                    + receivers + ", d = " + width);
        }
    }

    /** Mean over rows of a (rows, width) array. */
    public static float[] meanRows(float[] a, int rows, int width) {
        float[] m = new float[width];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < width; c++) {
                m[c] += a[r * width + c];
            }
        }
        for (int c = 0; c < width; c++) {
            m[c] /= rows;
        }
        return m;
    }
}
