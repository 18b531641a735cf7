/**
 * Classical baselines (SPEC §6): support-set selectors (greedy, random, exhaustive), beamformers for a
 * fixed support set (WMMSE, MRT, ZF, RZF, local partial RZF, optimal structure), the joint FP-C
 * method, and the {@link org.alloc4j.baselines.Allocator} interface that composes them. Plain Java.
 */
package org.alloc4j.baselines;
