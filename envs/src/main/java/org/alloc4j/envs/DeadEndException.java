package org.alloc4j.envs;

/**
 * A decoding state in which no action is feasible although the state is not finished: a bug in the
 * environment (SPEC §1). Never sample from such a state.
 */
public class DeadEndException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public DeadEndException(String environmentId, String state) {
        super("environment " + environmentId + " reached a state with no feasible action and END not allowed: " + state);
    }
}
