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
}
