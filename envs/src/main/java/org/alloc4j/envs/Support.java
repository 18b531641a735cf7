package org.alloc4j.envs;

import java.util.Arrays;

/**
 * A support set A ⊆ {0..N−1}: the candidates whose binary variable is 1, held in ascending order.
 *
 * <p>Immutable. The decoding order is not part of a support set; decoders keep it separately.
 */
public final class Support {
    private static final Support EMPTY = new Support(new int[0]);
    private final int[] sorted;

    private Support(int[] sorted) {
        this.sorted = sorted;
    }

    /** The empty set. */
    public static Support empty() {
        return EMPTY;
    }

    /**
     * A support set from candidate indices in any order.
     *
     * @throws IllegalArgumentException if an index is negative or repeated
     */
    public static Support of(int... candidates) {
        int[] s = candidates.clone();
        Arrays.sort(s);
        for (int i = 0; i < s.length; i++) {
            if (s[i] < 0) {
                throw new IllegalArgumentException("support index " + s[i] + " is negative");
            }
            if (i > 0 && s[i] == s[i - 1]) {
                throw new IllegalArgumentException("support index " + s[i] + " appears twice");
            }
        }
        return new Support(s);
    }

    /** A support set from an indicator vector: index i is in the set when {@code indicator[i]}. */
    public static Support fromIndicator(boolean[] indicator) {
        int n = 0;
        for (boolean b : indicator) {
            if (b) {
                n++;
            }
        }
        int[] s = new int[n];
        int j = 0;
        for (int i = 0; i < indicator.length; i++) {
            if (indicator[i]) {
                s[j++] = i;
            }
        }
        return new Support(s);
    }

    public int size() {
        return sorted.length;
    }

    public boolean isEmpty() {
        return sorted.length == 0;
    }

    /** The i-th smallest member. */
    public int get(int i) {
        return sorted[i];
    }

    public boolean contains(int candidate) {
        return Arrays.binarySearch(sorted, candidate) >= 0;
    }

    /** Rank of a member in ascending order, or −1 when it is not a member. */
    public int rankOf(int candidate) {
        int r = Arrays.binarySearch(sorted, candidate);
        return r >= 0 ? r : -1;
    }

    /** The members in ascending order (a copy). */
    public int[] toArray() {
        return sorted.clone();
    }

    /** Indicator vector of length {@code candidates}. */
    public boolean[] toIndicator(int candidates) {
        boolean[] ind = new boolean[candidates];
        for (int c : sorted) {
            if (c >= candidates) {
                throw new IllegalArgumentException("support index " + c + " outside [0, " + (candidates - 1) + "]");
            }
            ind[c] = true;
        }
        return ind;
    }

    /** This set with one more member. */
    public Support with(int candidate) {
        if (contains(candidate)) {
            throw new IllegalArgumentException("support already contains " + candidate);
        }
        int[] s = Arrays.copyOf(sorted, sorted.length + 1);
        s[sorted.length] = candidate;
        return of(s);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Support other && Arrays.equals(sorted, other.sorted);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sorted);
    }

    @Override
    public String toString() {
        return Arrays.toString(sorted);
    }
}
