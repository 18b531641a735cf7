package org.alloc4j.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Small tensor helpers that keep the DJL rules of ../shared/reference/djl.md in one place.
 *
 * <ul>
 *   <li>Scalars in differentiable code are native tensors ({@link #scalar}), never {@code Number}
 *       arguments of {@code mul/div/pow}, whose Java-side buffer can be freed before backward.</li>
 *   <li>Java data enters as a torch-owned copy ({@link #floats}, {@link #longs}, {@link #bools}), so
 *       no graph node ever points at a Java buffer the garbage collector may free.</li>
 * </ul>
 */
public final class Tensors {
    private Tensors() {
    }

    /** A 0-d tensor with value {@code v}, in {@code like}'s manager and data type. */
    public static NDArray scalar(NDArray like, double v) {
        return like.getManager().full(new Shape(), (float) v, like.getDataType());
    }

    /** A 0-d float tensor in {@code manager}. */
    public static NDArray scalar(NDManager manager, double v, DataType type) {
        return manager.full(new Shape(), (float) v, type);
    }

    /** A float32 tensor holding a torch-owned copy of {@code data}. */
    public static NDArray floats(NDManager manager, float[] data, Shape shape) {
        ByteBuffer b = ByteBuffer.allocateDirect(data.length * 4).order(ByteOrder.nativeOrder());
        b.asFloatBuffer().put(data);
        try (NDArray view = manager.create(b, shape, DataType.FLOAT32)) {
            return view.duplicate();
        }
    }

    /** A float64 tensor holding a torch-owned copy of {@code data}. */
    public static NDArray doubles(NDManager manager, double[] data, Shape shape) {
        ByteBuffer b = ByteBuffer.allocateDirect(data.length * 8).order(ByteOrder.nativeOrder());
        b.asDoubleBuffer().put(data);
        try (NDArray view = manager.create(b, shape, DataType.FLOAT64)) {
            return view.duplicate();
        }
    }

    /** An int64 tensor holding a torch-owned copy of {@code data}. */
    public static NDArray longs(NDManager manager, long[] data, Shape shape) {
        ByteBuffer b = ByteBuffer.allocateDirect(data.length * 8).order(ByteOrder.nativeOrder());
        b.asLongBuffer().put(data);
        try (NDArray view = manager.create(b, shape, DataType.INT64)) {
            return view.duplicate();
        }
    }

    /** A boolean tensor holding a torch-owned copy of {@code data}. */
    public static NDArray bools(NDManager manager, boolean[] data, Shape shape) {
        ByteBuffer b = ByteBuffer.allocateDirect(data.length).order(ByteOrder.nativeOrder());
        for (boolean v : data) {
            b.put((byte) (v ? 1 : 0));
        }
        b.rewind();
        try (NDArray view = manager.create(b, shape, DataType.BOOLEAN)) {
            return view.duplicate();
        }
    }

    /**
     * A float64 copy of {@code x} (rank ≥ 1) that keeps the autograd graph. DJL's {@code toType} cuts
     * the graph (measured: the result has no grad_fn), so the cast goes through type promotion:
     * x + zeros(1, float64). There is no differentiable way back to float32 except combining 0-d
     * losses, which promote to float64.
     */
    public static NDArray toFloat64(NDArray x) {
        if (x.getDataType() == DataType.FLOAT64) {
            return x;
        }
        return x.add(x.getManager().zeros(new Shape(1), DataType.FLOAT64));
    }

    /** Values of a float tensor as a Java array (any shape, row-major). */
    public static float[] toFloats(NDArray a) {
        return a.toType(DataType.FLOAT32, false).toFloatArray();
    }
}
