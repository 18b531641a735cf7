package org.alloc4j.envs.math;

import java.util.Arrays;

/**
 * A dense array of complex numbers in row-major order, stored as separate real and imaginary parts.
 *
 * <p>Used for channels and beamformers. The layout of a beamformer is fixed by its environment (for
 * example {@code [M][K][N]} for cell-free, {@code [N][K]} for movable antennas). Mutable, so that
 * algorithms can fill it in place; copy it before sharing.
 */
public final class ComplexArray {
    private final int[] shape;
    private final double[] re;
    private final double[] im;

    private ComplexArray(int[] shape, double[] re, double[] im) {
        this.shape = shape;
        this.re = re;
        this.im = im;
    }

    /** A zero array of the given shape; every dimension must be positive or zero. */
    public static ComplexArray zeros(int... shape) {
        int size = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has a negative dimension");
            }
            size = Math.multiplyExact(size, d);
        }
        return new ComplexArray(shape.clone(), new double[size], new double[size]);
    }

    /** Wraps copies of the given parts; both must have the size of {@code shape}. */
    public static ComplexArray of(double[] re, double[] im, int... shape) {
        ComplexArray a = zeros(shape);
        if (re.length != a.size() || im.length != a.size()) {
            throw new IllegalArgumentException("parts have " + re.length + " and " + im.length
                    + " entries; shape " + Arrays.toString(shape) + " needs " + a.size());
        }
        System.arraycopy(re, 0, a.re, 0, re.length);
        System.arraycopy(im, 0, a.im, 0, im.length);
        return a;
    }

    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public int dim(int axis) {
        return shape[axis];
    }

    public int size() {
        return re.length;
    }

    /** Row-major flat index of a multi-index. */
    public int index(int... idx) {
        if (idx.length != shape.length) {
            throw new IllegalArgumentException("index of rank " + idx.length + " for an array of rank " + shape.length);
        }
        int flat = 0;
        for (int a = 0; a < shape.length; a++) {
            if (idx[a] < 0 || idx[a] >= shape[a]) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(idx) + " outside shape " + Arrays.toString(shape));
            }
            flat = flat * shape[a] + idx[a];
        }
        return flat;
    }

    public double re(int flat) {
        return re[flat];
    }

    public double im(int flat) {
        return im[flat];
    }

    public void set(int flat, double real, double imag) {
        re[flat] = real;
        im[flat] = imag;
    }

    /** |a_i|². */
    public double abs2(int flat) {
        return re[flat] * re[flat] + im[flat] * im[flat];
    }

    /** Sum of |a_i|² over all entries. */
    public double normSquared() {
        double s = 0;
        for (int i = 0; i < re.length; i++) {
            s += re[i] * re[i] + im[i] * im[i];
        }
        return s;
    }

    /** Multiplies every entry by a real factor. */
    public void scale(double factor) {
        for (int i = 0; i < re.length; i++) {
            re[i] *= factor;
            im[i] *= factor;
        }
    }

    /** True when every entry is finite. */
    public boolean isFinite() {
        for (int i = 0; i < re.length; i++) {
            if (!Double.isFinite(re[i]) || !Double.isFinite(im[i])) {
                return false;
            }
        }
        return true;
    }

    /** A copy of the real parts in row-major order. */
    public double[] realParts() {
        return re.clone();
    }

    /** A copy of the imaginary parts in row-major order. */
    public double[] imagParts() {
        return im.clone();
    }

    public ComplexArray copy() {
        return new ComplexArray(shape.clone(), re.clone(), im.clone());
    }

    @Override
    public String toString() {
        return "ComplexArray" + Arrays.toString(shape);
    }
}
