package org.alloc4j.encoder;

/** Tensors of a batch of instances, as a featuriser produces them. */
public interface Features {
    /** B. */
    int batchSize();
}
