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

    /**
     * The vector as a (1, d) row owned by {@code into} (normally the iteration's sub-manager): results
     * of ops belong to their first operand's manager, so a view taken directly of the parameter would
     * pile up in the model's long-lived manager.
     */
    public NDArray row(ParameterStore ps, ai.djl.ndarray.NDManager into, boolean training) {
        NDArray v = ps.getValue(value, into.getDevice(), training).expandDims(0);
        v.attach(into);
        return v;
    }

    /** The vector on the host, (d). */
    public float[] onHost(ParameterStore ps, ai.djl.Device device) {
        return ps.getValue(value, device, false).toFloatArray();
    }
}
