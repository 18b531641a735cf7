package org.alloc4j.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Two linear layers, each followed by ReLU (SPEC §4), optionally with batch normalisation after each
 * linear layer (the paper's cell-free networks). Acts on the last axis: (…, in) → (…, out).
 *
 * <p>An MLP whose output is read directly (a query, rather than features for further MLPs) leaves out
 * the last ReLU: once all its outputs go negative a final ReLU returns zeros with zero gradient for
 * good — measured in training: a dead query made the policy uniform and its gradient 1e-6.
 */
public final class Mlp extends AbstractBlock {
    private final int in;
    private final int hidden;
    private final int out;
    private final Linear first;
    private final Linear second;
    private final BatchNorm firstNorm;
    private final BatchNorm secondNorm;
    private final boolean finalRelu;

    /** Two linear layers, each followed by ReLU. */
    public Mlp(int in, int hidden, int out, boolean batchNorm) {
        this(in, hidden, out, batchNorm, true);
    }

    /**
     * @param in        input width
     * @param hidden    hidden width
     * @param out       output width
     * @param batchNorm whether to normalise after each linear layer
     * @param finalRelu whether the second linear layer is followed by ReLU too
     */
    public Mlp(int in, int hidden, int out, boolean batchNorm, boolean finalRelu) {
        this.finalRelu = finalRelu;
        this.in = in;
        this.hidden = hidden;
        this.out = out;
        first = addChildBlock("first", Linear.builder().setUnits(hidden).build());
        second = addChildBlock("second", Linear.builder().setUnits(out).build());
        firstNorm = batchNorm ? addChildBlock("firstNorm", BatchNorm.builder().build()) : null;
        secondNorm = batchNorm ? addChildBlock("secondNorm", BatchNorm.builder().build()) : null;
    }

    public int inputWidth() {
        return in;
    }

    public int outputWidth() {
        return out;
    }

    /**
     * Applies the MLP to the concatenation of {@code parts} along the last axis without building it:
     * the first layer is Σ_i part_i·W_iᵀ + b with W_i the matching columns of its weight, so parts that
     * broadcast — node features (B, M, 1, d) beside edge features (B, M, K, d) — are multiplied once per
     * node instead of once per edge. Same function and parameters as {@link #apply} on the
     * concatenation.
     */
    public NDArray applyConcat(ParameterStore ps, java.util.List<NDArray> parts, boolean training) {
        java.util.List<NDArray> terms = new java.util.ArrayList<>(parts.size());
        long offset = 0;
        for (NDArray part : parts) {
            terms.add(firstLayerTerm(ps, part, offset, null, training));
            offset += part.getShape().get(part.getShape().dimension() - 1);
        }
        if (offset != in) {
            throw new IllegalArgumentException("parts have " + offset + " features in total, the MLP takes " + in);
        }
        return fromFirstLayerTerms(ps, terms, training);
    }

    /**
     * One input block's term of the first layer, without the bias: part · W[:, from : from + w]ᵀ
     * (· scale), where w is the part's last axis and W the first layer's weight (hidden, in).
     *
     * @param scale a scalar that multiplies the (small) weight columns, or null
     * @return (…, hidden), shaped as {@code part} but for the last axis
     */
    public NDArray firstLayerTerm(ParameterStore ps, NDArray part, long from, NDArray scale, boolean training) {
        long width = part.getShape().get(part.getShape().dimension() - 1);
        if (from < 0 || from + width > in) {
            throw new IllegalArgumentException("columns " + from + ".." + (from + width) + " outside the MLP's " + in + " inputs");
        }
        NDArray weight = ps.getValue(first.getParameters().get("weight"), part.getDevice(), training); // (hidden, in)
        NDArray slice = weight.get(":, " + from + ":" + (from + width));
        slice.attach(part.getManager()); // a view of the parameter would otherwise stay in the model's manager
        if (scale != null) {
            slice = slice.mul(scale);
        }
        return part.matMul(slice.transpose());
    }

    /**
     * The MLP's output from the terms of its first layer (each from {@link #firstLayerTerm}; together
     * they must cover every input column once). In training the bias joins the smallest term and the
     * terms are added smallest first, so broadcasting node terms cost one full-size addition each;
     * at inference the other terms and the bias are added in place into the largest term when it has
     * the full shape, which saves allocating full-size arrays. The terms are consumed.
     */
    public NDArray fromFirstLayerTerms(ParameterStore ps, java.util.List<NDArray> terms, boolean training) {
        java.util.List<NDArray> bySize = new java.util.ArrayList<>(terms);
        bySize.sort(java.util.Comparator.comparingLong(t -> t.getShape().size()));
        NDArray bias = ps.getValue(first.getParameters().get("bias"), bySize.get(0).getDevice(), training);
        NDArray largest = bySize.get(bySize.size() - 1);
        NDArray pre;
        if (!training && largest.getShape().equals(broadcastShape(bySize))) {
            pre = largest;
            for (int i = 0; i < bySize.size() - 1; i++) {
                pre.addi(bySize.get(i));
            }
            pre.addi(bias);
        } else {
            pre = bySize.get(0).add(bias);
            for (int i = 1; i < bySize.size(); i++) {
                pre = pre.add(bySize.get(i));
            }
        }
        return afterFirstLinear(ps, pre.reshape(-1, hidden), pre.getShape(), training);
    }

    /** The shape the arrays broadcast to (same rank assumed). */
    private static Shape broadcastShape(java.util.List<NDArray> arrays) {
        long[] dims = arrays.get(0).getShape().getShape().clone();    // DJL returns its own array
        for (NDArray a : arrays) {
            long[] d = a.getShape().getShape();
            if (d.length != dims.length) {
                return null;
            }
            for (int i = 0; i < dims.length; i++) {
                dims[i] = Math.max(dims[i], d[i]);
            }
        }
        return new Shape(dims);
    }

    /**
     * Everything after the first linear layer: (norm,) ReLU, second layer, (norm,) (ReLU), reshaped to
     * {@code shape} with the last axis {@code out}.
     *
     * @param h (rows, hidden)
     */
    private NDArray afterFirstLinear(ParameterStore ps, NDArray h, Shape shape, boolean training) {
        if (firstNorm != null) {
            h = firstNorm.forward(ps, new NDList(h), training).singletonOrThrow();
        }
        h = Activation.relu(h);
        h = second.forward(ps, new NDList(h), training).singletonOrThrow();
        if (secondNorm != null) {
            h = secondNorm.forward(ps, new NDList(h), training).singletonOrThrow();
        }
        if (finalRelu) {
            h = Activation.relu(h);
        }
        long[] dims = shape.getShape().clone();    // a copy: DJL returns the shape's own array
        dims[dims.length - 1] = out;
        return h.reshape(new Shape(dims));
    }

    /** A host copy of the current parameters (see {@link HostMlp}); fails with batch normalisation. */
    public HostMlp onHost(ParameterStore ps, ai.djl.Device device) {
        if (firstNorm != null) {
            throw new UnsupportedOperationException("host evaluation of an MLP with batch normalisation");
        }
        return new HostMlp(host(ps, first, "weight", device), host(ps, first, "bias", device),
                host(ps, second, "weight", device), host(ps, second, "bias", device), in, hidden, out, finalRelu);
    }

    private static float[] host(ParameterStore ps, Linear layer, String name, ai.djl.Device device) {
        return ps.getValue(layer.getParameters().get(name), device, false).toFloatArray();
    }

    /** Applies the MLP to {@code x} of shape (…, in). */
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        return forward(ps, new NDList(x), training).singletonOrThrow();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Shape shape = x.getShape();
        NDArray flat = x.reshape(-1, in);
        NDArray h = first.forward(ps, new NDList(flat), training).singletonOrThrow();
        return new NDList(afterFirstLinear(ps, h, shape, training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long[] dims = inputShapes[0].getShape().clone();
        dims[dims.length - 1] = out;
        return new Shape[] {new Shape(dims)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        first.initialize(manager, dataType, new Shape(1, in));
        second.initialize(manager, dataType, new Shape(1, hidden));
        if (firstNorm != null) {
            firstNorm.initialize(manager, dataType, new Shape(1, hidden));
            secondNorm.initialize(manager, dataType, new Shape(1, out));
        }
    }
}
