package org.alloc4j.envs.movable;

import java.util.Arrays;
import org.alloc4j.envs.DecodingState;
import org.alloc4j.envs.InfeasibleActionException;
import org.alloc4j.envs.Support;

/**
 * Decoding state of a movable-antenna instance. CP c is feasible when it is unchosen, no chosen CP is
 * closer than D (conflict-graph neighbours), and the remaining antennas still fit after choosing it.
 * The last test first tries a greedy packing, which settles almost every case in O(Q·degree), and
 * falls back to an exact search only when the packing is too small.
 */
final class MovableAntennaState implements DecodingState {
    private final MovableAntennaEnv env;
    private final CandidateGrid grid;
    private final int antennas;
    private final boolean[] chosen;
    private final int[] blockedBy;
    private final int[] actions;
    private int size;

    MovableAntennaState(MovableAntennaEnv env) {
        this.env = env;
        this.grid = env.grid();
        this.antennas = env.maxSteps();
        this.chosen = new boolean[grid.size()];
        this.blockedBy = new int[grid.size()];
        this.actions = new int[antennas];
    }

    private MovableAntennaState(MovableAntennaState o) {
        this.env = o.env;
        this.grid = o.grid;
        this.antennas = o.antennas;
        this.chosen = o.chosen.clone();
        this.blockedBy = o.blockedBy.clone();
        this.actions = o.actions.clone();
        this.size = o.size;
    }

    @Override
    public int candidateCount() {
        return grid.size();
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean isDone() {
        return size >= antennas;
    }

    @Override
    public boolean endedByEndToken() {
        return false;
    }

    @Override
    public void mask(boolean[] out) {
        int q = grid.size();
        if (out.length != q + 1) {
            throw new IllegalArgumentException("mask needs length " + (q + 1) + ", got " + out.length);
        }
        Arrays.fill(out, false);
        if (isDone()) {
            return;
        }
        boolean[] free = new boolean[q];
        for (int c = 0; c < q; c++) {
            free[c] = !chosen[c] && blockedBy[c] == 0;
        }
        int remainingAfter = antennas - size - 1;
        if (remainingAfter == 0) {
            System.arraycopy(free, 0, out, 0, q);
            return;
        }
        boolean[] packing = new boolean[q];
        int packed = grid.greedyPacking(free, packing);
        for (int c = 0; c < q; c++) {
            if (!free[c]) {
                continue;
            }
            int usable = packed - (packing[c] ? 1 : 0);
            for (int u : grid.neighboursOf(c)) {
                if (packing[u]) {
                    usable--;
                }
            }
            out[c] = usable >= remainingAfter || fitsAfter(free, c, remainingAfter);
        }
    }

    private boolean fitsAfter(boolean[] free, int c, int need) {
        boolean[] allowed = free.clone();
        allowed[c] = false;
        for (int u : grid.neighboursOf(c)) {
            allowed[u] = false;
        }
        return grid.hasIndependentSet(allowed, need);
    }

    @Override
    public boolean isFeasible(int action) {
        if (isDone() || action < 0 || action >= grid.size()) {
            return false;
        }
        return mask()[action];
    }

    @Override
    public void step(int action) {
        if (!isFeasible(action)) {
            throw new InfeasibleActionException("environment " + env.id() + ": action "
                    + (action >= 0 && action <= grid.size() ? env.describeCandidate(action) : String.valueOf(action))
                    + " is infeasible in state " + describe());
        }
        actions[size++] = action;
        chosen[action] = true;
        for (int u : grid.neighboursOf(action)) {
            blockedBy[u]++;
        }
    }

    @Override
    public Support support() {
        return Support.fromIndicator(chosen);
    }

    @Override
    public int[] actions() {
        return Arrays.copyOf(actions, size);
    }

    @Override
    public DecodingState copy() {
        return new MovableAntennaState(this);
    }

    @Override
    public String describe() {
        return "movable-antenna state{support=" + support() + ", placed=" + size + "/" + antennas + "}";
    }
}
