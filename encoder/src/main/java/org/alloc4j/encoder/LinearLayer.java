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
        this(in, out, withBias, false);
    }

    /**
     * @param zeroWeights start with W = 0 (and b = 0): an output layer whose block starts as "no
     *                    change", for example a refinement added to an earlier estimate
     */
    public LinearLayer(int in, int out, boolean withBias, boolean zeroWeights) {
        this.in = in;
        this.out = out;
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(in, out))
                .optInitializer(zeroWeights ? new ConstantInitializer(0f) : new XavierInitializer()).build());
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

    /** A host copy of the current parameters. */
    public Host onHost(ParameterStore ps, ai.djl.Device device) {
        return new Host(ps.getValue(weight, device, false).toFloatArray(),
                bias == null ? null : ps.getValue(bias, device, false).toFloatArray(), in, out);
    }

    /** The layer in plain Java, with its weight in the layouts of both host products. */
    public static final class Host {
        private final float[][] byInput;   // (in, out): y_j = Σ_i x_i·byInput[i][j] (+ b_j)
        private final float[][] byOutput;  // (out, in), for the feature-major product
        private final float[] bias;        // (out), or null
        private final int in;
        private final int out;

        /** @param weight W, (in, out) row-major; {@code bias} b, (out), or null */
        Host(float[] weight, float[] bias, int in, int out) {
            this.byInput = HostKernels.rowsOf(weight, in, out);
            this.byOutput = HostKernels.rowsOf(HostKernels.transpose(weight, in, out), out, in);
            this.bias = bias;
            this.in = in;
            this.out = out;
        }

        /** Outputs per row. */
        public int outputWidth() {
            return out;
        }

        /** y (rows, out) = x (rows, in)·W (+ b). */
        public float[] applyRows(float[] x, int rows) {
            float[] y = new float[rows * out];
            if (bias != null) {
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(bias, 0, y, r * out, out);
                }
            }
            HostKernels.addProduct(x, 0, rows, in, byInput, 0, y);
            return y;
        }

        /** The feature-major {@link #applyRows}: x is {@code in} arrays of {@code rows}; returns {@code out} arrays. */
        public float[][] applyColumns(float[][] x, int rows) {
            float[][] y = new float[out][rows];
            if (bias != null) {
                for (int o = 0; o < out; o++) {
                    java.util.Arrays.fill(y[o], bias[o]);
                }
            }
            HostKernels.addProductColumns(x, rows, byOutput, 0, y);
            return y;
        }

        /**
         * This layer followed by {@code next} as one layer: x·(W·W_next) + (b·W_next + b_next), summed in
         * double; one product instead of two for a row that passes through both.
         */
        public Host then(Host next) {
            if (next.in != out) {
                throw new IllegalArgumentException("a layer of " + out + " outputs cannot feed one of " + next.in + " inputs");
            }
            float[] weight = new float[in * next.out];
            for (int i = 0; i < in; i++) {
                for (int j = 0; j < next.out; j++) {
                    double sum = 0;
                    for (int h = 0; h < out; h++) {
                        sum += (double) byInput[i][h] * next.byInput[h][j];
                    }
                    weight[i * next.out + j] = (float) sum;
                }
            }
            float[] b = null;
            if (bias != null || next.bias != null) {
                b = new float[next.out];
                for (int j = 0; j < next.out; j++) {
                    double sum = next.bias == null ? 0 : next.bias[j];
                    for (int h = 0; bias != null && h < out; h++) {
                        sum += (double) bias[h] * next.byInput[h][j];
                    }
                    b[j] = (float) sum;
                }
            }
            return new Host(weight, b, in, next.out);
        }
    }

    /** The bias parameter, for output layers that need a chosen starting value. */
    public Parameter biasParameter() {
        return bias;
    }
}
