package org.alloc4j.encoder;

import ai.djl.ndarray.NDArray;

/**
 * Node and edge features of a batch of complete bipartite graphs.
 *
 * @param tx    transmitter nodes (APs or candidate positions), (B, M, d)
 * @param rx    receiver nodes (UEs), (B, K, d)
 * @param edges edge features, (B, M, K, d)
 */
public record GraphState(NDArray tx, NDArray rx, NDArray edges) {
}
