package org.alloc4j.baselines;

import org.alloc4j.envs.DecodingState;
import org.alloc4j.envs.Support;
import org.alloc4j.envs.movable.MovableAntennaEnv;
import org.alloc4j.envs.movable.MovableAntennaInstance;

/**
 * Greedy antenna positioning (baselines.md §5, the source paper's Greedy): score every candidate
 * position by its average channel gain over the UEs, s_q = (1/K)·Σ_k |h_k(c_q)|², then N times take
 * the best position the environment's mask still allows (positions closer than D to a chosen one are
 * masked, and so are positions after which the remaining antennas would not fit).
 */
public final class GreedyPositioning implements SupportSelector<MovableAntennaInstance> {
    private final MovableAntennaEnv env;

    public GreedyPositioning(MovableAntennaEnv env) {
        this.env = env;
    }

    @Override
    public String name() {
        return "greedy";
    }

    @Override
    public Choice select(MovableAntennaInstance inst) {
        int q = inst.candidates();
        double[] score = new double[q];
        for (int c = 0; c < q; c++) {
            for (int k = 0; k < inst.users(); k++) {
                score[c] += inst.re(k, c) * inst.re(k, c) + inst.im(k, c) * inst.im(k, c);
            }
            score[c] /= inst.users();
        }
        DecodingState s = env.newState(inst);
        boolean[] mask = new boolean[q + 1];
        while (!s.isDone()) {
            s.mask(mask);
            int best = -1;
            for (int c = 0; c < q; c++) {
                if (mask[c] && (best < 0 || score[c] > score[best])) {
                    best = c;
                }
            }
            s.step(best);
        }
        Support a = s.support();
        return Choice.of(a);
    }
}
