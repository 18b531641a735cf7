package org.alloc4j.baselines;

import java.util.Arrays;
import org.alloc4j.envs.InvalidConfigurationException;
import org.alloc4j.envs.Solution;
import org.alloc4j.envs.Support;
import org.alloc4j.envs.movable.CandidateGrid;
import org.alloc4j.envs.movable.FieldResponsePaths;
import org.alloc4j.envs.movable.MovableAntennaEnv;
import org.alloc4j.envs.movable.MovableAntennaInstance;

/**
 * FP-C (baselines.md §5): fractional-programming joint optimisation of continuous antenna positions and
 * beamformers, with every iterate projected to the candidate grid as the source paper does.
 *
 * <p>The continuous iterate t (N positions, channels from the multipath model) is kept across
 * iterations. One iteration: (1) beamformers by up to {@code innerSweeps} WMMSE sweeps on the channels
 * at t (WMMSE and the FP beamformer update share their fixed points); (2) the FP auxiliaries
 * a_k = SINR_k and y_k = sqrt(1+a_k)·h_kᴴw_k/(Σ_j|h_kᴴw_j|² + σ²); (3) one gradient-ascent step of the
 * position objective f(t) = Σ_k [2·sqrt(1+a_k)·Re(y_k*·e_kk) − |y_k|²·Σ_j|e_kj|²], e_kj = h_k(t)ᴴw_j,
 * whose initial length moves the farthest antenna by one grid spacing and which is halved (at most 20
 * times) until the positions stay in the area, keep D and do not lower f; (4) the projection of t: in
 * antenna order, each antenna to the nearest grid point not taken and at least D from those already
 * projected; a placement not seen before gets WMMSE beamformers (warm-started from the continuous
 * ones) and is kept if it is the best so far. Stops when the continuous rate changes by less than
 * 1e-4 relatively or after {@code maxIterations}; the best placement is polished by WMMSE to
 * convergence. Starts from greedy positioning, so it never returns less than greedy+WMMSE's start.
 */
public final class FractionalProgrammingPositioning implements Allocator<MovableAntennaInstance> {
    private final MovableAntennaEnv env;
    private final int maxIterations;
    private final int innerSweeps;

    public FractionalProgrammingPositioning(MovableAntennaEnv env, int maxIterations, int innerSweeps) {
        this.env = env;
        this.maxIterations = maxIterations;
        this.innerSweeps = innerSweeps;
    }

    public FractionalProgrammingPositioning(MovableAntennaEnv env) {
        this(env, 50, 30);
    }

    @Override
    public String name() {
        return "fp-c";
    }

    @Override
    public Allocation allocate(MovableAntennaInstance inst) {
        FieldResponsePaths paths = inst.paths();
        if (paths == null) {
            throw new InvalidConfigurationException("fp-c needs the multipath parameters of the instance (off-grid "
                    + "channels); this instance was built from grid channels only");
        }
        CandidateGrid grid = inst.grid();
        int n = env.config().antennas();
        int k = inst.users();
        Support start = new GreedyPositioning(env).select(inst).support();
        double[] x = new double[n];
        double[] y = new double[n];
        for (int a = 0; a < n; a++) {
            x[a] = grid.x(start.get(a));
            y[a] = grid.y(start.get(a));
        }
        Wmmse inner = new Wmmse(new Wmmse.Options(1e-6, innerSweeps, false, 0), null);
        DownlinkProblem continuous = continuousProblem(paths, x, y, inst.powerW());
        double[] vRe = new double[k * n];
        double[] vIm = new double[k * n];
        LocalPrecoder.equalWeightStructure().precode(continuous, vRe, vIm);
        Support best = start;
        double bestRate = Double.NEGATIVE_INFINITY;
        java.util.Set<Support> seen = new java.util.HashSet<>();
        double previous = Double.NaN;
        double spacing = grid.areaSide() / (grid.gridPoints() - 1);
        for (int it = 0; it < maxIterations; it++) {
            continuous = continuousProblem(paths, x, y, inst.powerW());
            double rate = inner.iterate(continuous, vRe, vIm, null).sumRate();
            int[] cps = it == 0 ? start.toArray() : project(grid, x, y);
            if (cps != null) {
                Support placement = Support.of(cps);
                if (seen.add(placement)) {
                    double[] dRe = new double[k * n];
                    double[] dIm = new double[k * n];
                    for (int a = 0; a < n; a++) {
                        int rank = placement.rankOf(cps[a]);
                        for (int u = 0; u < k; u++) {
                            dRe[u * n + rank] = vRe[u * n + a];
                            dIm[u * n + rank] = vIm[u * n + a];
                        }
                    }
                    double r = inner.iterate(DownlinkProblem.of(inst, placement), dRe, dIm, null).sumRate();
                    if (r > bestRate) {
                        bestRate = r;
                        best = placement;
                    }
                }
            }
            if (Math.abs(rate - previous) < 1e-4 * Math.max(1, Math.abs(rate))) {
                break;
            }
            previous = rate;
            new PositionStep(paths, k, n, vRe, vIm).ascend(grid, x, y, spacing);
        }
        DownlinkProblem finalProblem = DownlinkProblem.of(inst, best);
        double[] fRe = new double[k * n];
        double[] fIm = new double[k * n];
        new Wmmse().solve(finalProblem, fRe, fIm);
        return new Allocation(new Solution(best, DownlinkBeamformer.toMovableLayout(finalProblem, fRe, fIm)), false);
    }

    /** The one-block problem of antennas at continuous positions (x, y). */
    private static DownlinkProblem continuousProblem(FieldResponsePaths paths, double[] x, double[] y, double powerW) {
        int k = paths.users();
        int n = x.length;
        double[] re = new double[k * n];
        double[] im = new double[k * n];
        double[] h = new double[2];
        for (int u = 0; u < k; u++) {
            for (int a = 0; a < n; a++) {
                paths.channel(u, x[a], y[a], h);
                re[u * n + a] = h[0];
                im[u * n + a] = h[1];
            }
        }
        boolean[] served = new boolean[k];
        java.util.Arrays.fill(served, true);
        return new DownlinkProblem(1, k, n, re, im, served, new double[] {powerW});
    }

    /**
     * Sequential projection: antenna a goes to the nearest grid point not taken and at least D from the
     * points of antennas 0..a−1. Returns the grid point of each antenna, or {@code null} if some antenna
     * finds none.
     */
    static int[] project(CandidateGrid grid, double[] x, double[] y) {
        int n = x.length;
        int[] cps = new int[n];
        for (int a = 0; a < n; a++) {
            int bestCp = -1;
            double bestD = Double.POSITIVE_INFINITY;
            for (int q = 0; q < grid.size(); q++) {
                boolean ok = true;
                for (int b = 0; b < a && ok; b++) {
                    ok = cps[b] != q && Math.hypot(grid.x(q) - grid.x(cps[b]), grid.y(q) - grid.y(cps[b]))
                            >= grid.minDistance() - CandidateGrid.DISTANCE_TOLERANCE;
                }
                double d = Math.hypot(grid.x(q) - x[a], grid.y(q) - y[a]);
                if (ok && d < bestD) {
                    bestD = d;
                    bestCp = q;
                }
            }
            if (bestCp < 0) {
                return null;
            }
            cps[a] = bestCp;
        }
        return cps;
    }

    /** The FP position sub-problem at fixed beamformers {@code [K][N]} (one-block layout). */
    static final class PositionStep {
        private final FieldResponsePaths paths;
        private final int users;
        private final int n;
        private final double[] wRe;
        private final double[] wIm;
        private final double[] a;
        private final double[] yRe;
        private final double[] yIm;

        PositionStep(FieldResponsePaths paths, int users, int n, double[] wRe, double[] wIm) {
            this.paths = paths;
            this.users = users;
            this.n = n;
            this.wRe = wRe;
            this.wIm = wIm;
            this.a = new double[users];
            this.yRe = new double[users];
            this.yIm = new double[users];
        }

        /** Sets the FP auxiliaries from the channels at (x, y). */
        void auxiliaries(double[] x, double[] y) {
            double[] eRe = new double[users * users];
            double[] eIm = new double[users * users];
            effective(x, y, eRe, eIm, null, null, null, null);
            for (int k = 0; k < users; k++) {
                double total = 1;
                for (int j = 0; j < users; j++) {
                    total += eRe[k * users + j] * eRe[k * users + j] + eIm[k * users + j] * eIm[k * users + j];
                }
                double sig = eRe[k * users + k] * eRe[k * users + k] + eIm[k * users + k] * eIm[k * users + k];
                a[k] = sig / (total - sig);
                double s = Math.sqrt(1 + a[k]);
                yRe[k] = s * eRe[k * users + k] / total;
                yIm[k] = s * eIm[k * users + k] / total;
            }
        }

        /**
         * e_kj = Σ_n conj(h_k(t_n))·w_nj; when the gradient arrays are given, also ∂e_kj/∂x_n and
         * ∂e_kj/∂y_n in {@code [K][K][N]}.
         */
        void effective(double[] x, double[] y, double[] eRe, double[] eIm, double[] dxRe, double[] dxIm, double[] dyRe,
                       double[] dyIm) {
            Arrays.fill(eRe, 0);
            Arrays.fill(eIm, 0);
            double[] h = new double[6];
            for (int k = 0; k < users; k++) {
                for (int t = 0; t < n; t++) {
                    paths.channelWithGradient(k, x[t], y[t], h);
                    for (int j = 0; j < users; j++) {
                        double wr = wRe[j * n + t];
                        double wi = wIm[j * n + t];
                        // conj(h)·w
                        eRe[k * users + j] += h[0] * wr + h[1] * wi;
                        eIm[k * users + j] += h[0] * wi - h[1] * wr;
                        if (dxRe != null) {
                            int g = (k * users + j) * n + t;
                            dxRe[g] = h[2] * wr + h[3] * wi;
                            dxIm[g] = h[2] * wi - h[3] * wr;
                            dyRe[g] = h[4] * wr + h[5] * wi;
                            dyIm[g] = h[4] * wi - h[5] * wr;
                        }
                    }
                }
            }
        }

        /** f(t) and, when {@code gx}/{@code gy} are given, its gradient. */
        double objective(double[] x, double[] y, double[] gx, double[] gy) {
            double[] eRe = new double[users * users];
            double[] eIm = new double[users * users];
            boolean grad = gx != null;
            int size = users * users * n;
            double[] dxRe = grad ? new double[size] : null;
            double[] dxIm = grad ? new double[size] : null;
            double[] dyRe = grad ? new double[size] : null;
            double[] dyIm = grad ? new double[size] : null;
            effective(x, y, eRe, eIm, dxRe, dxIm, dyRe, dyIm);
            double f = 0;
            if (grad) {
                Arrays.fill(gx, 0);
                Arrays.fill(gy, 0);
            }
            for (int k = 0; k < users; k++) {
                double s = Math.sqrt(1 + a[k]);
                double y2 = yRe[k] * yRe[k] + yIm[k] * yIm[k];
                int kk = k * users + k;
                // Re(y* e) = yRe eRe + yIm eIm
                f += 2 * s * (yRe[k] * eRe[kk] + yIm[k] * eIm[kk]);
                for (int j = 0; j < users; j++) {
                    int kj = k * users + j;
                    f -= y2 * (eRe[kj] * eRe[kj] + eIm[kj] * eIm[kj]);
                }
                if (grad) {
                    for (int t = 0; t < n; t++) {
                        int g = kk * n + t;
                        gx[t] += 2 * s * (yRe[k] * dxRe[g] + yIm[k] * dxIm[g]);
                        gy[t] += 2 * s * (yRe[k] * dyRe[g] + yIm[k] * dyIm[g]);
                        for (int j = 0; j < users; j++) {
                            int kj = k * users + j;
                            int gj = kj * n + t;
                            gx[t] -= 2 * y2 * (eRe[kj] * dxRe[gj] + eIm[kj] * dxIm[gj]);
                            gy[t] -= 2 * y2 * (eRe[kj] * dyRe[gj] + eIm[kj] * dyIm[gj]);
                        }
                    }
                }
            }
            return f;
        }

        /** One backtracking gradient-ascent step on (x, y), in place. */
        void ascend(CandidateGrid grid, double[] x, double[] y, double spacing) {
            auxiliaries(x, y);
            double[] gx = new double[n];
            double[] gy = new double[n];
            double f0 = objective(x, y, gx, gy);
            double maxMove = 0;
            for (int t = 0; t < n; t++) {
                maxMove = Math.max(maxMove, Math.hypot(gx[t], gy[t]));
            }
            if (maxMove == 0) {
                return;
            }
            double step = spacing / maxMove;
            double half = grid.areaSide() / 2;
            double[] nx = new double[n];
            double[] ny = new double[n];
            for (int tries = 0; tries < 20; tries++, step /= 2) {
                boolean inside = true;
                for (int t = 0; t < n; t++) {
                    nx[t] = x[t] + step * gx[t];
                    ny[t] = y[t] + step * gy[t];
                    inside &= Math.abs(nx[t]) <= half && Math.abs(ny[t]) <= half;
                }
                if (!inside || !separated(nx, ny, grid.minDistance()) || objective(nx, ny, null, null) < f0) {
                    continue;
                }
                System.arraycopy(nx, 0, x, 0, n);
                System.arraycopy(ny, 0, y, 0, n);
                return;
            }
        }

        private static boolean separated(double[] x, double[] y, double d) {
            for (int i = 0; i < x.length; i++) {
                for (int j = i + 1; j < x.length; j++) {
                    if (Math.hypot(x[i] - x[j], y[i] - y[j]) < d - CandidateGrid.DISTANCE_TOLERANCE) {
                        return false;
                    }
                }
            }
            return true;
        }
    }
}
