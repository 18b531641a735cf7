package org.alloc4j.envs;

/**
 * The state of one instance while a support set is built one element at a time (SPEC §1).
 *
 * <p>Actions are candidate indices {@code 0..N−1}, and {@link Environment#endAction()} (= N) for END.
 * The mask has length N+1 with END last; {@code true} means the action is feasible. A finished state
 * stays finished: it accepts no more actions, and its mask is all {@code false}.
 */
public interface DecodingState {

    /** Number of candidates N (END is action N). */
    int candidateCount();

    /** Number of elements chosen so far. */
    int size();

    /** True once END was taken, the step bound was reached, or (without END) the set is complete. */
    boolean isDone();

    /** True when END was chosen explicitly. */
    boolean endedByEndToken();

    /**
     * Writes the feasibility mask of the next action into {@code out} (length N+1, END last).
     *
     * @throws IllegalArgumentException if {@code out} has the wrong length
     */
    void mask(boolean[] out);

    /** The mask as a new array. */
    default boolean[] mask() {
        boolean[] m = new boolean[candidateCount() + 1];
        mask(m);
        return m;
    }

    /** Whether one action is feasible now. */
    boolean isFeasible(int action);

    /**
     * Takes an action.
     *
     * @throws InfeasibleActionException if the action is masked or the state is done
     */
    void step(int action);

    /** The support set chosen so far. */
    Support support();

    /** The actions taken so far, in order (END included if taken). */
    int[] actions();

    /** An independent copy (used by beam search). */
    DecodingState copy();

    /** A one-line description for error messages. */
    String describe();
}
