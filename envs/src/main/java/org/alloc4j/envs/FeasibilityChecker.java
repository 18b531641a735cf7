package org.alloc4j.envs;

/**
 * An environment's independent checker. It verifies solutions against the constraints directly
 * (counting, distances, norms) and must share no code with the environment's masks, so that a bug
 * in one is caught by the other.
 *
 * @param <I> the instance type
 */
public interface FeasibilityChecker<I> {

    /** Discrete constraints on a finished support set. */
    FeasibilityReport checkSupport(I instance, Support support);

    /**
     * Whether a partial support set satisfies the discrete constraints so far and can still be
     * completed to a finished feasible support set.
     */
    boolean isCompletable(I instance, Support partial);

    /** Discrete and continuous constraints of a full solution. */
    FeasibilityReport check(I instance, Solution solution);
}
