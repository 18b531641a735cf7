package org.alloc4j.envs.cellfree;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.alloc4j.envs.FeasibilityChecker;
import org.alloc4j.envs.FeasibilityReport;
import org.alloc4j.envs.Solution;
import org.alloc4j.envs.Support;
import org.alloc4j.envs.math.ComplexArray;

/**
 * Independent checker for cell-free solutions. It recounts the degrees of every AP and UE from the
 * finished support set and checks each constraint by its definition; it shares no code with the
 * incremental counters of the decoding masks.
 */
final class CellFreeChecker implements FeasibilityChecker<CellFreeInstance> {
    /** Relative slack on the power budget, for rounding in the last bits only. */
    static final double POWER_TOLERANCE = 1e-9;
    private final CellFreeConfig config;

    CellFreeChecker(CellFreeConfig config) {
        this.config = config;
    }

    @Override
    public FeasibilityReport checkSupport(CellFreeInstance instance, Support support) {
        List<String> v = new ArrayList<>();
        int aps = instance.aps();
        int users = instance.users();
        if (!support.isEmpty() && (support.get(0) < 0 || support.get(support.size() - 1) >= aps * users)) {
            v.add("support " + support + " has indices outside [0, " + (aps * users - 1) + "]");
            return new FeasibilityReport(v);
        }
        int[] apDegree = new int[aps];
        int[] userDegree = new int[users];
        for (int i = 0; i < support.size(); i++) {
            apDegree[support.get(i) / users]++;
            userDegree[support.get(i) % users]++;
        }
        for (int m = 0; m < aps; m++) {
            int degree = apDegree[m];
            if (degree > config.maxUsersPerAp()) {
                v.add("(5) AP " + m + " serves " + degree + " UEs > K_max = " + config.maxUsersPerAp());
            }
        }
        for (int k = 0; k < users; k++) {
            int degree = userDegree[k];
            if (degree > config.maxApsPerUser()) {
                v.add("(6) UE " + k + " is served by " + degree + " APs > M_max = " + config.maxApsPerUser());
            }
        }
        return new FeasibilityReport(v);
    }

    @Override
    public boolean isCompletable(CellFreeInstance instance, Support partial) {
        // END is always allowed, so any feasible partial set is already a feasible finished set.
        return checkSupport(instance, partial).feasible();
    }

    @Override
    public FeasibilityReport check(CellFreeInstance instance, Solution solution) {
        List<String> v = new ArrayList<>(checkSupport(instance, solution.support()).violations());
        ComplexArray w = solution.beamformer();
        int aps = instance.aps();
        int users = instance.users();
        int ant = instance.antennas();
        if (w.rank() != 3 || w.dim(0) != aps || w.dim(1) != users || w.dim(2) != ant) {
            v.add("beamformer shape " + Arrays.toString(w.shape()) + " is not [M][K][N] = [" + aps + "][" + users + "][" + ant + "]");
            return new FeasibilityReport(v);
        }
        if (!w.isFinite()) {
            v.add("beamformer has non-finite entries");
            return new FeasibilityReport(v);
        }
        boolean[] served = solution.support().toIndicator(aps * users);
        for (int m = 0; m < aps; m++) {
            double power = 0;
            for (int k = 0; k < users; k++) {
                double linkPower = 0;
                for (int n = 0; n < ant; n++) {
                    linkPower += w.abs2(w.index(m, k, n));
                }
                if (!served[m * users + k] && linkPower != 0) {
                    v.add("(9b) w_" + m + "," + k + " is non-zero (power " + linkPower + " W) but the link is not in the support");
                }
                power += linkPower;
            }
            if (power > instance.powerW() * (1 + POWER_TOLERANCE)) {
                v.add("(9b) AP " + m + " transmits " + power + " W > P_max = " + instance.powerW() + " W");
            }
        }
        return new FeasibilityReport(v);
    }
}
