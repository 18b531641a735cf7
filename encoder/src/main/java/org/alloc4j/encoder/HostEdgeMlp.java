package org.alloc4j.encoder;

/**
 * An MLP over the edges of a bipartite graph whose input is a concatenation of edge parts and node
 * parts broadcast over edges — the host form of {@link Mlp#applyConcat}: node parts are multiplied once
 * per node. Feature-major ({@link Columns}).
 */
final class HostEdgeMlp {
    private HostEdgeMlp() {
    }

    /** Where a part of the input comes from. */
    enum Kind { EDGE, TX, RX }

    /** One block of feature-major input columns: data[c] has G·M·K (receiver-major, as {@link HostColumnGraph}), G·M or G·K entries by kind. */
    record Columns(Kind kind, float[][] data) {
    }

    /**
     * The MLP of the concatenation of {@code parts}, in order, for every edge of G graphs of M·K edges:
     * out arrays of G·M·K from {@code ws}.
     */
    static float[][] applyColumns(HostMlp mlp, int m, int k, int graphs, HostWorkspace ws, Columns... parts) {
        int hidden = mlp.hiddenWidth();
        int edges = graphs * m * k;
        float[][] acc = ws.take(hidden, edges);
        int from = 0;
        for (Columns p : parts) {
            switch (p.kind()) {
                case EDGE -> mlp.addFirstLayerColumns(p.data(), edges, from, acc);
                case TX -> {
                    float[][] node = ws.take(hidden, graphs * m);
                    mlp.addFirstLayerColumns(p.data(), graphs * m, from, node);
                    for (int h = 0; h < hidden; h++) {
                        float[] a = acc[h];
                        float[] n = node[h];
                        for (int g = 0; g < graphs; g++) {
                            for (int j = 0; j < k; j++) {
                                int at = (g * k + j) * m;
                                int nodeAt = g * m;
                                for (int i = 0; i < m; i++) {
                                    a[at + i] += n[nodeAt + i];
                                }
                            }
                        }
                    }
                    ws.give(node);
                }
                case RX -> {
                    float[][] node = ws.take(hidden, graphs * k);
                    mlp.addFirstLayerColumns(p.data(), graphs * k, from, node);
                    for (int h = 0; h < hidden; h++) {
                        float[] a = acc[h];
                        for (int gj = 0; gj < graphs * k; gj++) {    // receiver j of graph g, at g·K + j
                            float v = node[h][gj];
                            int at = gj * m;
                            for (int i = 0; i < m; i++) {
                                a[at + i] += v;
                            }
                        }
                    }
                    ws.give(node);
                }
            }
            from += p.data().length;
        }
        if (from != mlp.inputWidth()) {
            throw new IllegalArgumentException("parts have " + from + " features in total, the MLP takes " + mlp.inputWidth());
        }
        return mlp.finishColumns(acc, edges, ws);
    }

    static Columns edgeColumns(float[][] data) {
        return new Columns(Kind.EDGE, data);
    }

    static Columns txColumns(float[][] data) {
        return new Columns(Kind.TX, data);
    }

    static Columns rxColumns(float[][] data) {
        return new Columns(Kind.RX, data);
    }
}
