package org.alloc4j.envs.movable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.alloc4j.envs.FeasibilityChecker;
import org.alloc4j.envs.FeasibilityReport;
import org.alloc4j.envs.Solution;
import org.alloc4j.envs.Support;
import org.alloc4j.envs.math.ComplexArray;

/**
 * Independent checker for movable-antenna solutions: it computes distances between CP coordinates
 * directly and searches completions by brute force, sharing no code with the conflict-graph masks.
 */
final class MovableAntennaChecker implements FeasibilityChecker<MovableAntennaInstance> {
    static final double POWER_TOLERANCE = 1e-9;
    private final MovableAntennaConfig config;
    private final CandidateGrid grid;

    MovableAntennaChecker(MovableAntennaConfig config, CandidateGrid grid) {
        this.config = config;
        this.grid = grid;
    }

    private boolean farEnough(int a, int b) {
        double dx = grid.x(a) - grid.x(b);
        double dy = grid.y(a) - grid.y(b);
        return Math.sqrt(dx * dx + dy * dy) >= config.minDistance() - CandidateGrid.DISTANCE_TOLERANCE;
    }

    private List<String> pairwise(Support s) {
        List<String> v = new ArrayList<>();
        if (!s.isEmpty() && (s.get(0) < 0 || s.get(s.size() - 1) >= grid.size())) {
            v.add("support " + s + " has indices outside [0, " + (grid.size() - 1) + "]");
            return v;
        }
        for (int i = 0; i < s.size(); i++) {
            for (int j = i + 1; j < s.size(); j++) {
                if (!farEnough(s.get(i), s.get(j))) {
                    v.add("(13) CPs " + s.get(i) + " and " + s.get(j) + " are closer than D = " + config.minDistance() + "λ");
                }
            }
        }
        return v;
    }

    @Override
    public FeasibilityReport checkSupport(MovableAntennaInstance instance, Support support) {
        List<String> v = new ArrayList<>();
        if (support.size() != config.antennas()) {
            v.add("(12) " + support.size() + " positions chosen, exactly N = " + config.antennas() + " required");
        }
        v.addAll(pairwise(support));
        return new FeasibilityReport(v);
    }

    @Override
    public boolean isCompletable(MovableAntennaInstance instance, Support partial) {
        if (partial.size() > config.antennas() || !pairwise(partial).isEmpty()) {
            return false;
        }
        int[] chosen = Arrays.copyOf(partial.toArray(), config.antennas());
        return extend(chosen, partial.size(), 0);
    }

    /** Brute force: add CPs in increasing index order until N are placed. */
    private boolean extend(int[] chosen, int count, int from) {
        if (count == config.antennas()) {
            return true;
        }
        for (int q = from; q < grid.size(); q++) {
            boolean ok = true;
            for (int i = 0; i < count && ok; i++) {
                ok = chosen[i] != q && farEnough(chosen[i], q);
            }
            if (ok) {
                chosen[count] = q;
                if (extend(chosen, count + 1, q + 1)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public FeasibilityReport check(MovableAntennaInstance instance, Solution solution) {
        List<String> v = new ArrayList<>(checkSupport(instance, solution.support()).violations());
        ComplexArray w = solution.beamformer();
        if (w.rank() != 2 || w.dim(0) != solution.support().size() || w.dim(1) != instance.users()) {
            v.add("beamformer shape " + Arrays.toString(w.shape()) + " is not [N][K] = [" + solution.support().size()
                    + "][" + instance.users() + "]");
            return new FeasibilityReport(v);
        }
        if (!w.isFinite()) {
            v.add("beamformer has non-finite entries");
            return new FeasibilityReport(v);
        }
        double power = w.normSquared();
        if (power > instance.powerW() * (1 + POWER_TOLERANCE)) {
            v.add("(16b) total power " + power + " W > P_max = " + instance.powerW() + " W");
        }
        return new FeasibilityReport(v);
    }
}
