package org.alloc4j.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.initializer.ConstantInitializer;

/**
 * One affine layer y = x·W + b on the last axis, (…, in) → (…, out), with its input width fixed at
 * construction (DJL's {@code Linear} infers it from a sample input instead).
 */
public final class LinearLayer extends NetworkBlock {
    private final int in;
    private final int out;
    private final Parameter weight;
    private final Parameter bias;

    public LinearLayer(int in, int out, boolean withBias) {
        this.in = in;
        this.out = out;
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(in, out)).optInitializer(new XavierInitializer()).build());
        bias = withBias ? addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
                .optShape(new Shape(out)).optInitializer(new ConstantInitializer(0f)).build()) : null;
    }

    public int inputWidth() {
        return in;
    }

    public int outputWidth() {
        return out;
    }

    /** x·W (+ b). */
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        NDArray w = ps.getValue(weight, x.getDevice(), training);
        NDArray y = x.matMul(w);
        if (bias != null) {
            y = y.add(ps.getValue(bias, x.getDevice(), training));
        }
        return y;
    }

    /** The weight W on the host, (in, out) row-major: y_j = Σ_i x_i·W[i·out + j]. */
    public float[] hostWeight(ParameterStore ps, ai.djl.Device device) {
        return ps.getValue(weight, device, false).toFloatArray();
    }

    /** The bias parameter, for output layers that need a chosen starting value. */
    public Parameter biasParameter() {
        return bias;
    }
}
