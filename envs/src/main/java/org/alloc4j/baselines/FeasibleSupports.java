package org.alloc4j.baselines;

import org.alloc4j.envs.DecodingState;
import org.alloc4j.envs.Environment;
import org.alloc4j.envs.Support;

/**
 * Enumerates the feasible finished support sets of an instance by depth-first search over decoding
 * states, adding candidates in increasing index order so that each set is reached once.
 */
public final class FeasibleSupports {
    private FeasibleSupports() {
    }

    /** Receives each enumerated set. */
    @FunctionalInterface
    public interface Visitor {
        /**
         * @param support the set
         * @param maximal whether no candidate can be added to it
         */
        void visit(Support support, boolean maximal);
    }

    /** Thrown when more sets exist than the caller allowed. */
    public static final class LimitExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LimitExceeded(String message) {
            super(message);
        }
    }

    /**
     * Visits every feasible finished support set.
     *
     * @param maximalOnly only sets to which no candidate can be added (for environments whose objective
     *                    cannot drop when links are added, these contain the optimum)
     * @param limit       stop with {@link LimitExceeded} when more than this many sets exist
     * @return the number of sets visited
     */
    public static <I> long forEach(Environment<I> env, I instance, boolean maximalOnly, long limit, Visitor visit) {
        long[] count = {0};
        dfs(env, env.newState(instance), 0, maximalOnly, limit, visit, count);
        return count[0];
    }

    /** Counts the feasible finished support sets (up to {@code limit}, then throws). */
    public static <I> long count(Environment<I> env, I instance, boolean maximalOnly, long limit) {
        return forEach(env, instance, maximalOnly, limit, (s, maximal) -> { });
    }

    private static <I> void dfs(Environment<I> env, DecodingState state, int from, boolean maximalOnly, long limit,
                                Visitor visit, long[] count) {
        int n = env.candidateCount();
        boolean[] mask = state.mask();
        boolean any = false;
        for (int c = 0; c < n; c++) {
            any |= mask[c];
        }
        boolean maximal = state.isDone() || !any;
        boolean finished = state.isDone() || (maximalOnly ? maximal && mask[n] : mask[n]);
        if (finished) {
            if (++count[0] > limit) {
                throw new LimitExceeded("more than " + limit + " feasible support sets");
            }
            visit.visit(state.support(), maximal);
        }
        if (state.isDone()) {
            return;
        }
        for (int c = from; c < n; c++) {
            if (mask[c]) {
                DecodingState child = state.copy();
                child.step(c);
                dfs(env, child, c + 1, maximalOnly, limit, visit, count);
            }
        }
    }
}
