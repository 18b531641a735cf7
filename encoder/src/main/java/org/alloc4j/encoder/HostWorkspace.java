package org.alloc4j.encoder;

import java.util.ArrayDeque;

/**
 * Reused float arrays for the host graph layers, one workspace per thread ({@link #ofThisThread}).
 *
 * <p>Why: a fresh array lands in memory the CPU has not touched for a while (the allocator walks the
 * whole young generation), so zeroing it and writing it costs cache misses. Throwaway loops: one
 * 324×16×16 feature-major product (the movable-antenna edges) took 9–10 µs into fresh arrays against
 * 4.8–7.6 µs into a reused one; the d = 16 movable-antenna encoder 0.37–0.50 against 0.31–0.47 ms.
 * Arrays are handed out zeroed ({@link #take}) or as they were ({@link #takeToOverwrite}) and must be
 * given back exactly once, after their last read; for each length, a workspace holds at most the arrays
 * of that length live at once in one encoding (of a group of instances, see {@link HostColumnGraph}). Callers
 * whose lengths vary with the data round them up to few values (the cell-free CVLN pads each edge type's
 * rows to a multiple of 16), so that the lengths seen stay few.
 */
final class HostWorkspace {
    private static final ThreadLocal<HostWorkspace> PER_THREAD = ThreadLocal.withInitial(HostWorkspace::new);

    @SuppressWarnings("unchecked")
    private ArrayDeque<float[]>[] byLength = new ArrayDeque[0];   // [length]: the arrays of that length, or null

    /** This thread's workspace. */
    static HostWorkspace ofThisThread() {
        return PER_THREAD.get();
    }

    /** {@code count} zeroed arrays of {@code length}. */
    float[][] take(int count, int length) {
        return take(count, length, true);
    }

    /**
     * {@code count} arrays of {@code length} holding anything, for a caller that writes every element
     * before reading it: saves {@link #take}'s zeroing pass.
     */
    float[][] takeToOverwrite(int count, int length) {
        return take(count, length, false);
    }

    private float[][] take(int count, int length, boolean zeroed) {
        ArrayDeque<float[]> pool = pool(length);
        float[][] out = new float[count][];
        for (int c = 0; c < count; c++) {
            float[] a = pool.pollLast();
            if (a == null) {
                a = new float[length];
            } else if (zeroed) {
                java.util.Arrays.fill(a, 0f);
            }
            out[c] = a;
        }
        return out;
    }

    /** Gives back arrays from {@link #take}; none of them may be read or written afterwards. */
    void give(float[][] arrays) {
        for (float[] a : arrays) {
            pool(a.length).addLast(a);
        }
    }

    /**
     * The pool of arrays of {@code length}, found by index: with groups of instances a thread sees many
     * lengths (each edge type's rows vary), and a list searched in order made every batch-1 call after
     * batch-1 000 passes pay for all of them (JFR of a throwaway loop, cell-free-v1 d = 16: about 0.015 ms
     * per instance in the search; the loop's batch-1 median 0.230–0.231 → 0.208–0.210 ms with it gone).
     */
    private ArrayDeque<float[]> pool(int length) {
        if (length >= byLength.length) {
            byLength = java.util.Arrays.copyOf(byLength, Math.max(length + 1, 2 * byLength.length));
        }
        ArrayDeque<float[]> pool = byLength[length];
        if (pool == null) {
            pool = new ArrayDeque<>();
            byLength[length] = pool;
        }
        return pool;
    }
}
