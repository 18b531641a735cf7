package org.alloc4j.training.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam (Kingma and Ba) over one parameter group, with gradient-norm clipping and a state that can be
 * saved and restored exactly — DJL's optimisers keep their moments private, which would make resumed
 * runs diverge from uninterrupted ones.
 *
 * <p>Updates run outside any gradient collector (in-place updates of leaves must not be recorded).
 * Each step reads every parameter's gradient, clips the group's global norm to {@code clip} (if
 * positive), updates, and zeroes the gradients.
 */
public final class Adam {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;
    private final List<Parameter> parameters;
    private final double learningRate;
    private final double clip;
    private final List<NDArray> first = new ArrayList<>();
    private final List<NDArray> second = new ArrayList<>();
    private long steps;

    /**
     * @param manager long-lived manager for the moment estimates
     * @param clip    maximum global gradient norm of the group; 0 disables clipping
     */
    public Adam(NDManager manager, List<Parameter> parameters, double learningRate, double clip) {
        this.parameters = parameters;
        this.learningRate = learningRate;
        this.clip = clip;
        for (Parameter p : parameters) {
            first.add(manager.zeros(p.getArray().getShape(), p.getArray().getDataType()));
            second.add(manager.zeros(p.getArray().getShape(), p.getArray().getDataType()));
        }
    }

    /** The global L2 norm of the group's gradients, without changing them. */
    public double gradientNorm() {
        double sum = 0;
        for (Parameter p : parameters) {
            try (NDArray g = p.getArray().getGradient(); NDManager tmp = g.getManager().newSubManager()) {
                NDArray sq = g.square();
                sq.attach(tmp);
                NDArray total = sq.sum();
                total.attach(tmp);
                sum += total.getFloat();
            }
        }
        return Math.sqrt(sum);
    }

    /**
     * One update from the current gradients, which are zeroed afterwards.
     *
     * @return the gradient norm before clipping
     */
    public double step() {
        double norm = gradientNorm();
        float scale = clip > 0 && norm > clip ? (float) (clip / norm) : 1f;
        steps++;
        float c1 = (float) (1 - Math.pow(BETA1, steps));
        float c2 = (float) (1 - Math.pow(BETA2, steps));
        float lr = (float) learningRate;
        for (int i = 0; i < parameters.size(); i++) {
            NDArray w = parameters.get(i).getArray();
            try (NDArray g = w.getGradient(); NDManager tmp = w.getManager().newSubManager()) {
                NDArray grad = g.mul(scale);
                grad.attach(tmp);
                NDArray m = first.get(i);
                NDArray v = second.get(i);
                // results belong to the first operand's manager: every temporary is moved to tmp
                m.muli(BETA1).addi(grad.mul(1 - BETA1));
                v.muli(BETA2).addi(grad.square().muli(1 - BETA2));
                NDArray update = m.div(c1);
                update.attach(tmp);
                NDArray vHat = v.div(c2);
                vHat.attach(tmp);
                NDArray denominator = vHat.sqrt().addi(EPSILON);
                update.divi(denominator).muli(lr);
                w.subi(update);
                g.subi(g);
            }
        }
        return norm;
    }

    /** Zeroes the gradients without updating (used when a step is rejected). */
    public void zeroGradients() {
        for (Parameter p : parameters) {
            try (NDArray g = p.getArray().getGradient()) {
                g.subi(g);
            }
        }
    }

    public long steps() {
        return steps;
    }

    /** The moments and step count, for checkpoints. */
    public byte[] saveState() {
        NDList all = new NDList();
        all.addAll(first);
        all.addAll(second);
        byte[] arrays = all.encode();
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + arrays.length);
        b.putLong(steps).put(arrays);
        return b.array();
    }

    /** Restores {@link #saveState()} output; the group must have the same parameters. */
    public void loadState(byte[] state) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(state);
        long s = b.getLong();
        byte[] arrays = new byte[state.length - 8];
        b.get(arrays);
        NDManager manager = first.get(0).getManager();
        NDList all = NDList.decode(manager, arrays);
        if (all.size() != 2 * parameters.size()) {
            throw new IllegalArgumentException("optimiser state has " + all.size() / 2 + " parameters, the group " + parameters.size());
        }
        for (int i = 0; i < parameters.size(); i++) {
            first.get(i).set(all.get(i).toFloatArray());
            second.get(i).set(all.get(parameters.size() + i).toFloatArray());
        }
        all.close();
        steps = s;
    }
}
