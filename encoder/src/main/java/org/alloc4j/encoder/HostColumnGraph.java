package org.alloc4j.encoder;

/**
 * One instance's graph features on the host in feature-major form, the layout the host graph layers
 * compute in ({@link HostKernels#addProductColumns}): tx[c] (M), rx[c] (K) and edges[c] (M·K) hold
 * feature c of every node or edge. Edges are receiver-major here, edge (i, j) at j·M + i, so that the
 * loops over a receiver's M edges (broadcasting transmitter terms, summing per transmitter) run along
 * contiguous memory and vectorise; {@link HostGraph} is transmitter-major.
 */
record HostColumnGraph(float[][] tx, float[][] rx, float[][] edges, int transmitters, int receivers) {
    HostColumnGraph {
        int d = tx.length;
        if (rx.length != d || edges.length != d) {
            throw new IllegalArgumentException("host graph widths differ: " + tx.length + ", " + rx.length + ", " + edges.length);
        }
        for (int c = 0; c < d; c++) {
            if (tx[c].length != transmitters || rx[c].length != receivers || edges[c].length != transmitters * receivers) {
                throw new IllegalArgumentException("host graph feature " + c + " does not fit M = " + transmitters
                        + ", K = " + receivers);
            }
        }
    }

    int width() {
        return tx.length;
    }

    /** {@code g} in feature-major form, in arrays from {@code ws}. */
    static HostColumnGraph of(HostGraph g, HostWorkspace ws) {
        int m = g.transmitters();
        int k = g.receivers();
        int d = g.width();
        return new HostColumnGraph(nodeColumnsOf(g.tx(), m, d, ws), nodeColumnsOf(g.rx(), k, d, ws),
                edgeColumnsOf(g.edges(), m, k, d, ws), m, k);
    }

    /** Node rows (n, width) as feature arrays from {@code ws}. */
    static float[][] nodeColumnsOf(float[] rows, int n, int width, HostWorkspace ws) {
        return HostKernels.columnsInto(rows, n, ws.take(width, n));
    }

    /**
     * Transmitter-major edge rows (M·K, width), edge (i, j) at row i·K + j, as receiver-major feature
     * arrays from {@code ws}.
     */
    static float[][] edgeColumnsOf(float[] edgeRows, int m, int k, int width, HostWorkspace ws) {
        float[][] out = ws.take(width, m * k);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < k; j++) {
                int from = (i * k + j) * width;
                for (int c = 0; c < width; c++) {
                    out[c][j * m + i] = edgeRows[from + c];
                }
            }
        }
        return out;
    }

    /** The graph in row-major form; this graph's arrays go back to {@code ws}. */
    HostGraph toRows(HostWorkspace ws) {
        int m = transmitters;
        int k = receivers;
        int d = width();
        float[] e = new float[m * k * d];
        for (int c = 0; c < d; c++) {
            float[] ec = edges[c];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < k; j++) {
                    e[(i * k + j) * d + c] = ec[j * m + i];
                }
            }
        }
        HostGraph rows = new HostGraph(HostKernels.rowMajorOf(tx, m), HostKernels.rowMajorOf(rx, k), e, m, k, d);
        ws.give(tx);
        ws.give(rx);
        ws.give(edges);
        return rows;
    }
}
