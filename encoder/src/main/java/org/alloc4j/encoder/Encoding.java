package org.alloc4j.encoder;

import ai.djl.ndarray.NDArray;

/**
 * What the encoder produces for a batch.
 *
 * @param graph      the final node and edge features
 * @param candidates one embedding per decoding candidate, (B, N, d): the link embeddings in
 *                   candidate order for cell-free, the candidate-position node embeddings for movable
 *                   antennas
 * @param edgeInputs the raw edge features the encoder started from, (B, M, K, F)
 */
public record Encoding(GraphState graph, NDArray candidates, NDArray edgeInputs) {

    /**
     * Every tensor repeated {@code rows} times along the batch axis, instance-major (row r belongs to
     * instance r / rows), for decoding several tracks per instance; itself when rows = 1.
     */
    public Encoding repeat(int rows) {
        if (rows == 1) {
            return this;
        }
        return new Encoding(new GraphState(graph.tx().repeat(0, rows), graph.rx().repeat(0, rows),
                graph.edges().repeat(0, rows)), candidates.repeat(0, rows), edgeInputs.repeat(0, rows));
    }
}
