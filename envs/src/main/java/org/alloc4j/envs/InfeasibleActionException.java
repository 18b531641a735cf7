package org.alloc4j.envs;

/** An action that the mask forbids was taken; the message names the environment, state and action. */
public class InfeasibleActionException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public InfeasibleActionException(String message) {
        super(message);
    }
}
