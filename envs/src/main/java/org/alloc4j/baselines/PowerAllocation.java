package org.alloc4j.baselines;

import java.util.Arrays;

/** Power rules shared by the linear precoders. */
final class PowerAllocation {
    private PowerAllocation() {
    }

    /**
     * Water-filling p_k = (ν − 1/g_k)^+ with Σ p_k = total: the sum-rate-optimal power for parallel
     * interference-free channels of gains g_k (users with g_k = 0 get nothing).
     */
    static double[] waterFilling(double[] gains, double total) {
        int k = gains.length;
        double[] p = new double[k];
        Integer[] order = new Integer[k];
        int active = 0;
        for (int i = 0; i < k; i++) {
            if (gains[i] > 0) {
                order[active++] = i;
            }
        }
        if (active == 0 || total <= 0) {
            return p;
        }
        Integer[] act = Arrays.copyOf(order, active);
        Arrays.sort(act, (a, b) -> Double.compare(1 / gains[a], 1 / gains[b]));
        double level = 0;
        int used = active;
        while (used > 0) {
            double sumInv = 0;
            for (int i = 0; i < used; i++) {
                sumInv += 1 / gains[act[i]];
            }
            level = (total + sumInv) / used;
            if (level > 1 / gains[act[used - 1]]) {
                break;
            }
            used--;
        }
        for (int i = 0; i < used; i++) {
            p[act[i]] = level - 1 / gains[act[i]];
        }
        return p;
    }

    /**
     * Gives UE k the power p_k along its current (normalised) direction: w_k ← sqrt(p_k)·w_k/‖w_k‖,
     * where ‖w_k‖ is taken over all blocks.
     */
    static void setUserPowers(DownlinkProblem pr, double[] vRe, double[] vIm, double[] power) {
        for (int k = 0; k < pr.users(); k++) {
            double norm2 = 0;
            for (int m = 0; m < pr.blocks(); m++) {
                for (int n = 0; n < pr.antennas(); n++) {
                    int i = pr.index(m, k, n);
                    norm2 += vRe[i] * vRe[i] + vIm[i] * vIm[i];
                }
            }
            double scale = norm2 > 0 ? Math.sqrt(power[k] / norm2) : 0;
            for (int m = 0; m < pr.blocks(); m++) {
                for (int n = 0; n < pr.antennas(); n++) {
                    int i = pr.index(m, k, n);
                    vRe[i] *= scale;
                    vIm[i] *= scale;
                }
            }
        }
    }

    /** Total budget Σ_m P_m. */
    static double totalBudget(DownlinkProblem p) {
        double s = 0;
        for (int m = 0; m < p.blocks(); m++) {
            s += p.budget(m);
        }
        return s;
    }

    /** Whether UE k is served by at least one block. */
    static boolean isServed(DownlinkProblem p, int k) {
        for (int m = 0; m < p.blocks(); m++) {
            if (p.served(m, k)) {
                return true;
            }
        }
        return false;
    }
}
