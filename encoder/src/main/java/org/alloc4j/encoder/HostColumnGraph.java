package org.alloc4j.encoder;

import java.util.ArrayList;
import java.util.List;

/**
 * The graph features of one or more same-size instances on the host in feature-major form, the layout
 * the host graph layers compute in ({@link HostKernels#addProductColumns}): tx[c] (G·M), rx[c] (G·K) and
 * edges[c] (G·M·K) hold feature c of every node or edge of the G graphs, graph after graph. Edges are
 * receiver-major within a graph, edge (i, j) of graph g at g·M·K + j·M + i, so that the loops over a
 * receiver's M edges (broadcasting transmitter terms, summing per transmitter) run along contiguous
 * memory and vectorise; {@link HostGraph} is transmitter-major. Stacking G graphs makes every product
 * G times as long, which the vectorised loops need for small graphs (the movable-antenna CVLN's 4×4).
 */
record HostColumnGraph(float[][] tx, float[][] rx, float[][] edges, int transmitters, int receivers, int graphs) {
    HostColumnGraph {
        int d = tx.length;
        if (rx.length != d || edges.length != d) {
            throw new IllegalArgumentException("host graph widths differ: " + tx.length + ", " + rx.length + ", " + edges.length);
        }
        for (int c = 0; c < d; c++) {
            if (tx[c].length != graphs * transmitters || rx[c].length != graphs * receivers
                    || edges[c].length != graphs * transmitters * receivers) {
                throw new IllegalArgumentException("host graph feature " + c + " does not fit G = " + graphs + " graphs of M = "
                        + transmitters + ", K = " + receivers);
            }
        }
    }

    int width() {
        return tx.length;
    }

    /**
     * Node rows of G graphs, each (n, width), as feature arrays of G·n from {@code ws}, graph after graph.
     */
    static float[][] nodeColumnsOf(List<float[]> rows, int n, int width, HostWorkspace ws) {
        float[][] out = ws.takeToOverwrite(width, rows.size() * n);
        for (int g = 0; g < rows.size(); g++) {
            float[] a = rows.get(g);
            requireLength(a, n * width, g, n + " nodes of width " + width);
            HostKernels.columnsInto(a, n, out, g * n);
        }
        return out;
    }

    /**
     * Transmitter-major edge rows of G graphs, each (M·K, width) with edge (i, j) at row i·K + j, as
     * receiver-major feature arrays of G·M·K from {@code ws}, graph after graph.
     */
    static float[][] edgeColumnsOf(List<float[]> edgeRows, int m, int k, int width, HostWorkspace ws) {
        float[][] out = ws.takeToOverwrite(width, edgeRows.size() * m * k);
        for (int g = 0; g < edgeRows.size(); g++) {
            float[] a = edgeRows.get(g);
            requireLength(a, m * k * width, g, m + "×" + k + " edges of width " + width);
            int base = g * m * k;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < k; j++) {
                    int from = (i * k + j) * width;
                    for (int c = 0; c < width; c++) {
                        out[c][base + j * m + i] = a[from + c];
                    }
                }
            }
        }
        return out;
    }

    private static void requireLength(float[] rows, int length, int graph, String what) {
        if (rows.length != length) {
            throw new IllegalArgumentException("graph " + graph + " of the group has " + rows.length
                    + " features, not the " + length + " of " + what + " like the others");
        }
    }

    /**
     * The graphs in row-major form, in order, with their edges if {@code withEdges} (else null, see
     * {@link HostGraph}); this graph's arrays go back to {@code ws}.
     */
    List<HostGraph> toRows(HostWorkspace ws, boolean withEdges) {
        int m = transmitters;
        int k = receivers;
        int d = width();
        List<HostGraph> out = new ArrayList<>(graphs);
        for (int g = 0; g < graphs; g++) {
            float[] t = new float[m * d];
            float[] r = new float[k * d];
            float[] e = withEdges ? new float[m * k * d] : null;
            int base = g * m * k;
            for (int c = 0; c < d; c++) {
                float[] tc = tx[c];
                float[] rc = rx[c];
                float[] ec = edges[c];
                for (int i = 0; i < m; i++) {
                    t[i * d + c] = tc[g * m + i];
                    for (int j = 0; withEdges && j < k; j++) {
                        e[(i * k + j) * d + c] = ec[base + j * m + i];
                    }
                }
                for (int j = 0; j < k; j++) {
                    r[j * d + c] = rc[g * k + j];
                }
            }
            out.add(new HostGraph(t, r, e, m, k, d));
        }
        ws.give(tx);
        ws.give(rx);
        ws.give(edges);
        return out;
    }
}
