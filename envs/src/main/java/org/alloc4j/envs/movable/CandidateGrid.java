package org.alloc4j.envs.movable;

import java.util.Arrays;
import org.jgrapht.Graph;
import org.jgrapht.graph.AsUnmodifiableGraph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.SimpleGraph;

/**
 * The G×G grid of candidate positions (CPs) and its conflict graph: two CPs are adjacent when they are
 * closer than the minimum distance D, so a feasible placement is an independent set of size N.
 *
 * <p>CP q = row·G + col sits at (x, y) = (−A/2 + col·s, −A/2 + row·s) [λ], s = A/(G−1). Immutable.
 */
public final class CandidateGrid {
    /** Distances within this slack of D count as D (grid spacings such as λ/2 are inexact in binary). */
    public static final double DISTANCE_TOLERANCE = 1e-9;

    private final int side;
    private final double areaSide;
    private final double minDistance;
    private final double[] x;
    private final double[] y;
    private final Graph<Integer, DefaultEdge> conflicts;
    private final int[][] neighbours;

    CandidateGrid(int gridPoints, double areaSide, double minDistance) {
        this.side = gridPoints;
        this.areaSide = areaSide;
        this.minDistance = minDistance;
        int q = gridPoints * gridPoints;
        double s = areaSide / (gridPoints - 1);
        x = new double[q];
        y = new double[q];
        for (int r = 0; r < gridPoints; r++) {
            for (int c = 0; c < gridPoints; c++) {
                x[r * gridPoints + c] = -areaSide / 2 + c * s;
                y[r * gridPoints + c] = -areaSide / 2 + r * s;
            }
        }
        conflicts = new SimpleGraph<>(DefaultEdge.class);
        for (int i = 0; i < q; i++) {
            conflicts.addVertex(i);
        }
        int reach = (int) Math.ceil(minDistance / s) + 1;
        for (int i = 0; i < q; i++) {
            int ri = i / gridPoints;
            int ci = i % gridPoints;
            for (int r = Math.max(0, ri - reach); r <= Math.min(gridPoints - 1, ri + reach); r++) {
                for (int c = Math.max(0, ci - reach); c <= Math.min(gridPoints - 1, ci + reach); c++) {
                    int j = r * gridPoints + c;
                    if (j > i && Math.hypot(x[i] - x[j], y[i] - y[j]) < minDistance - DISTANCE_TOLERANCE) {
                        conflicts.addEdge(i, j);
                    }
                }
            }
        }
        neighbours = new int[q][];
        for (int i = 0; i < q; i++) {
            int[] nb = org.jgrapht.Graphs.neighborListOf(conflicts, i).stream().mapToInt(Integer::intValue).toArray();
            Arrays.sort(nb);
            neighbours[i] = nb;
        }
    }

    public int size() {
        return x.length;
    }

    public int gridPoints() {
        return side;
    }

    public double areaSide() {
        return areaSide;
    }

    public double minDistance() {
        return minDistance;
    }

    /** x coordinate of CP q [λ]. */
    public double x(int q) {
        return x[q];
    }

    /** y coordinate of CP q [λ]. */
    public double y(int q) {
        return y[q];
    }

    /** The conflict graph (read-only view): an edge joins CPs closer than D. */
    public Graph<Integer, DefaultEdge> conflictGraph() {
        return new AsUnmodifiableGraph<>(conflicts);
    }

    /** CPs closer than D to q, ascending (shared array: do not modify). */
    int[] neighboursOf(int q) {
        return neighbours[q];
    }

    /**
     * Greedy maximal independent set among {@code allowed} in index order.
     *
     * @param picked output: {@code true} for the CPs taken
     * @return how many were taken
     */
    int greedyPacking(boolean[] allowed, boolean[] picked) {
        Arrays.fill(picked, false);
        boolean[] blocked = new boolean[x.length];
        int count = 0;
        for (int q = 0; q < x.length; q++) {
            if (allowed[q] && !blocked[q]) {
                picked[q] = true;
                count++;
                for (int u : neighbours[q]) {
                    blocked[u] = true;
                }
            }
        }
        return count;
    }

    /** Whether {@code need} pairwise non-conflicting CPs exist among {@code allowed} (exact search). */
    boolean hasIndependentSet(boolean[] allowed, int need) {
        if (need <= 0) {
            return true;
        }
        int first = -1;
        int count = 0;
        for (int q = 0; q < allowed.length; q++) {
            if (allowed[q]) {
                count++;
                if (first < 0) {
                    first = q;
                }
            }
        }
        if (count < need) {
            return false;
        }
        if (greedyPacking(allowed, new boolean[x.length]) >= need) {
            return true;
        }
        boolean[] include = allowed.clone();
        include[first] = false;
        for (int u : neighbours[first]) {
            include[u] = false;
        }
        if (hasIndependentSet(include, need - 1)) {
            return true;
        }
        boolean[] exclude = allowed.clone();
        exclude[first] = false;
        return hasIndependentSet(exclude, need);
    }

    /** The largest number of CPs, up to {@code cap}, that can be chosen pairwise at least D apart. */
    int maxPlaceable(int cap) {
        boolean[] all = new boolean[x.length];
        Arrays.fill(all, true);
        int best = 0;
        while (best < cap && hasIndependentSet(all, best + 1)) {
            best++;
        }
        return best;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CandidateGrid g && side == g.side && areaSide == g.areaSide && minDistance == g.minDistance;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(areaSide) * 31 + side;
    }
}
