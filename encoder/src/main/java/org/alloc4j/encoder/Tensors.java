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

    /**
     * Per-thread direct buffer through which Java data is copied into torch-owned tensors: a fresh
     * {@code allocateDirect} per upload costs hundreds of microseconds here (djl.md §4.1), the staged
     * copy about fifteen.
     */
    private static final ThreadLocal<ByteBuffer> STAGING = ThreadLocal.withInitial(() -> direct(1 << 16));

    private static ByteBuffer direct(int bytes) {
        return ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
    }

    private static ByteBuffer staging(int bytes) {
        ByteBuffer b = STAGING.get();
        if (b.capacity() < bytes) {
            b = direct(Math.max(bytes, 2 * b.capacity()));
            STAGING.set(b);
        }
        b.clear();
        return b;
    }

    /** Copies the staged bytes into a tensor the engine owns, so the staging buffer can be reused at once. */
    private static NDArray upload(NDManager manager, ByteBuffer staged, Shape shape, DataType type) {
        staged.flip();
        try (NDArray view = manager.create(staged, shape, type)) {
            return view.duplicate();
        }
    }

    /** A float32 tensor holding a torch-owned copy of {@code data}. */
    public static NDArray floats(NDManager manager, float[] data, Shape shape) {
        ByteBuffer b = staging(data.length * 4);
        b.asFloatBuffer().put(data);
        b.position(data.length * 4);
        return upload(manager, b, shape, DataType.FLOAT32);
    }

    /** A float64 tensor holding a torch-owned copy of {@code data}. */
    public static NDArray doubles(NDManager manager, double[] data, Shape shape) {
        ByteBuffer b = staging(data.length * 8);
        b.asDoubleBuffer().put(data);
        b.position(data.length * 8);
        return upload(manager, b, shape, DataType.FLOAT64);
    }

    /** An int64 tensor holding a torch-owned copy of {@code data}. */
    public static NDArray longs(NDManager manager, long[] data, Shape shape) {
        ByteBuffer b = staging(data.length * 8);
        b.asLongBuffer().put(data);
        b.position(data.length * 8);
        return upload(manager, b, shape, DataType.INT64);
    }

    /** A boolean tensor holding a torch-owned copy of {@code data}. */
    public static NDArray bools(NDManager manager, boolean[] data, Shape shape) {
        ByteBuffer b = staging(data.length);
        for (boolean v : data) {
            b.put((byte) (v ? 1 : 0));
        }
        return upload(manager, b, shape, DataType.BOOLEAN);
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

    /**
     * Rows {@code index} (n) int64 of {@code table} (rows, w): (n, w), differentiable in the table. Goes
     * through PyTorch's embedding lookup (a row copy); DJL's {@code get(NDArray)} runs the generic
     * advanced-indexing kernel, which took about a tenth of the whole learned method on cell-free-v1
     * (JFR samples at batch 1 000).
     */
    public static NDArray rows(NDArray table, NDArray index) {
        return ai.djl.nn.core.Embedding.embedding(index, table, ai.djl.ndarray.types.SparseFormat.DENSE).singletonOrThrow();
    }

    /** Values of a float tensor as a Java array (any shape, row-major). */
    public static float[] toFloats(NDArray a) {
        return a.toType(DataType.FLOAT32, false).toFloatArray();
    }
}
