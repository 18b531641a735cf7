package org.alloc4j.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;

/** A trainable vector of width d, such as the END key or the first-step context of the decoder. */
public final class TrainableVector extends NetworkBlock {
    private final Parameter value;

    public TrainableVector(int width) {
        value = addParameter(Parameter.builder().setName("value").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(width)).optInitializer(new NormalInitializer(0.1f)).build());
    }

    /** The vector, shape (d). */
    public NDArray value(ParameterStore ps, ai.djl.Device device, boolean training) {
        return ps.getValue(value, device, training);
    }
}
