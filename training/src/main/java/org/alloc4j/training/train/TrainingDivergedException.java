package org.alloc4j.training.train;

/** A non-finite loss or gradient: training stops, and the last good checkpoint stays as it was. */
public class TrainingDivergedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public TrainingDivergedException(String message) {
        super(message);
    }
}
