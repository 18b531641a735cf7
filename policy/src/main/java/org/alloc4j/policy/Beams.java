package org.alloc4j.policy;

import ai.djl.ndarray.NDArray;

/**
 * Beamformers of a batch as real and imaginary parts in the environment's layout: cell-free
 * (B, M, K, N) = w_mk, movable antennas (B, N, K) with rows in ascending candidate order. Float64,
 * noise-normalised units (powers in [W]).
 */
public record Beams(NDArray re, NDArray im) {
}
