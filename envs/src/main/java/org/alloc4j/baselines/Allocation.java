package org.alloc4j.baselines;

import org.alloc4j.envs.Solution;

/**
 * What an allocator returns for one instance.
 *
 * @param solution the support set and beamformers
 * @param repaired whether the discrete part had to be repaired to become feasible (STE, Gumbel)
 */
public record Allocation(Solution solution, boolean repaired) {
}
