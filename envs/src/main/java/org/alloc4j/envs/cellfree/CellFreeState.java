package org.alloc4j.envs.cellfree;

import java.util.Arrays;
import org.alloc4j.envs.DecodingState;
import org.alloc4j.envs.InfeasibleActionException;
import org.alloc4j.envs.Support;

/**
 * Decoding state of a cell-free instance: counters of served UEs per AP and serving APs per UE.
 * Link (m, k) is feasible while it is unchosen, AP m serves fewer than K_max UEs and UE k has fewer
 * than M_max APs. END is feasible until the state is done.
 */
final class CellFreeState implements DecodingState {
    private final CellFreeEnv env;
    private final int users;
    private final int maxUsersPerAp;
    private final int maxApsPerUser;
    private final int candidates;
    private final boolean[] chosen;
    private final int[] apLoad;
    private final int[] userLoad;
    private int[] actions;
    private int size;
    private int steps;
    private boolean ended;

    CellFreeState(CellFreeEnv env) {
        CellFreeConfig c = env.config();
        this.env = env;
        this.users = c.users();
        this.maxUsersPerAp = c.maxUsersPerAp();
        this.maxApsPerUser = c.maxApsPerUser();
        this.candidates = c.candidateCount();
        this.chosen = new boolean[candidates];
        this.apLoad = new int[c.aps()];
        this.userLoad = new int[users];
        this.actions = new int[env.maxSteps() + 1];
    }

    private CellFreeState(CellFreeState o) {
        this.env = o.env;
        this.users = o.users;
        this.maxUsersPerAp = o.maxUsersPerAp;
        this.maxApsPerUser = o.maxApsPerUser;
        this.candidates = o.candidates;
        this.chosen = o.chosen.clone();
        this.apLoad = o.apLoad.clone();
        this.userLoad = o.userLoad.clone();
        this.actions = o.actions.clone();
        this.size = o.size;
        this.steps = o.steps;
        this.ended = o.ended;
    }

    @Override
    public int candidateCount() {
        return candidates;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean isDone() {
        return ended || size >= env.maxSteps();
    }

    @Override
    public boolean endedByEndToken() {
        return ended;
    }

    @Override
    public void mask(boolean[] out) {
        if (out.length != candidates + 1) {
            throw new IllegalArgumentException("mask needs length " + (candidates + 1) + ", got " + out.length);
        }
        if (isDone()) {
            Arrays.fill(out, false);
            return;
        }
        // by AP and UE: no division per candidate (this runs at every decoding step on the host)
        int aps = candidates / users;
        for (int a = 0, c = 0; a < aps; a++) {
            for (int u = 0; u < users; u++, c++) {
                out[c] = feasible(a, u, c);
            }
        }
        out[candidates] = true;
    }

    private boolean candidateFeasible(int c) {
        return feasible(c / users, c % users, c);
    }

    /** Whether link {@code c} = (AP {@code ap}, UE {@code user}) may be added: not chosen, neither end full. */
    private boolean feasible(int ap, int user, int c) {
        return !chosen[c] && apLoad[ap] < maxUsersPerAp && userLoad[user] < maxApsPerUser;
    }

    @Override
    public boolean isFeasible(int action) {
        if (isDone() || action < 0 || action > candidates) {
            return false;
        }
        return action == candidates || candidateFeasible(action);
    }

    @Override
    public void step(int action) {
        if (!isFeasible(action)) {
            throw new InfeasibleActionException("environment " + env.id() + ": action "
                    + (action >= 0 && action <= candidates ? env.describeCandidate(action) : String.valueOf(action))
                    + " is infeasible in state " + describe());
        }
        actions[steps++] = action;
        if (action == candidates) {
            ended = true;
            return;
        }
        chosen[action] = true;
        apLoad[action / users]++;
        userLoad[action % users]++;
        size++;
    }

    @Override
    public Support support() {
        return Support.fromIndicator(chosen);
    }

    @Override
    public int[] actions() {
        return Arrays.copyOf(actions, steps);
    }

    @Override
    public DecodingState copy() {
        return new CellFreeState(this);
    }

    @Override
    public String describe() {
        return "cell-free state{support=" + support() + ", apLoad=" + Arrays.toString(apLoad) + ", userLoad="
                + Arrays.toString(userLoad) + ", ended=" + ended + "}";
    }
}
