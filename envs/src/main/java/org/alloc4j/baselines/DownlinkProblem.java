package org.alloc4j.baselines;

import java.util.Arrays;
import org.alloc4j.envs.Support;
import org.alloc4j.envs.cellfree.CellFreeInstance;
import org.alloc4j.envs.math.ComplexArray;
import org.alloc4j.envs.movable.MovableAntennaInstance;

/**
 * The beamforming problem for a fixed support set, in the form both environments share: M transmit
 * blocks (APs) of N antennas, K single-antenna UEs, channels h_mk ∈ C^N (noise-normalised, σ² = 1),
 * a served-link pattern and one power budget per block [W]. Beamformers are {@code [M][K][N]} with
 * w_mk = 0 on links that are not served.
 *
 * <p>Cell-free: one block per AP. Movable antennas: one block whose N antennas are the chosen
 * positions, serving every UE under the total budget.
 */
public final class DownlinkProblem {
    private final int blocks;
    private final int users;
    private final int antennas;
    private final double[] hRe;
    private final double[] hIm;
    private final boolean[] served;
    private final double[] budget;

    /**
     * @param hRe    Re h_mk, {@code [M][K][N]}
     * @param hIm    Im h_mk, {@code [M][K][N]}
     * @param served {@code [M][K]}: whether block m serves UE k
     * @param budget per-block power budget [W], {@code [M]}
     */
    public DownlinkProblem(int blocks, int users, int antennas, double[] hRe, double[] hIm, boolean[] served,
                           double[] budget) {
        if (hRe.length != blocks * users * antennas || hIm.length != hRe.length || served.length != blocks * users
                || budget.length != blocks) {
            throw new IllegalArgumentException("inconsistent sizes for M=" + blocks + ", K=" + users + ", N=" + antennas);
        }
        this.blocks = blocks;
        this.users = users;
        this.antennas = antennas;
        this.hRe = hRe;
        this.hIm = hIm;
        this.served = served;
        this.budget = budget;
    }

    /** The cell-free problem of a support set: block m = AP m, per-AP budget. */
    public static DownlinkProblem of(CellFreeInstance inst, Support support) {
        int m = inst.aps();
        int k = inst.users();
        int n = inst.antennas();
        double[] re = new double[m * k * n];
        double[] im = new double[m * k * n];
        for (int a = 0; a < m; a++) {
            for (int u = 0; u < k; u++) {
                for (int i = 0; i < n; i++) {
                    int idx = inst.index(a, u, i);
                    re[idx] = inst.re(a, u, i);
                    im[idx] = inst.im(a, u, i);
                }
            }
        }
        double[] budget = new double[m];
        Arrays.fill(budget, inst.powerW());
        return new DownlinkProblem(m, k, n, re, im, support.toIndicator(m * k), budget);
    }

    /** The movable-antenna problem of a placement: one block of |A| antennas serving all UEs. */
    public static DownlinkProblem of(MovableAntennaInstance inst, Support placement) {
        int k = inst.users();
        int n = placement.size();
        double[] re = new double[k * n];
        double[] im = new double[k * n];
        for (int u = 0; u < k; u++) {
            for (int i = 0; i < n; i++) {
                re[u * n + i] = inst.re(u, placement.get(i));
                im[u * n + i] = inst.im(u, placement.get(i));
            }
        }
        boolean[] served = new boolean[k];
        Arrays.fill(served, true);
        return new DownlinkProblem(1, k, n, re, im, served, new double[] {inst.powerW()});
    }

    public int blocks() {
        return blocks;
    }

    public int users() {
        return users;
    }

    public int antennas() {
        return antennas;
    }

    /** Flat index of (m, k, n) in {@code [M][K][N]}. */
    public int index(int m, int k, int n) {
        return (m * users + k) * antennas + n;
    }

    public double re(int m, int k, int n) {
        return hRe[index(m, k, n)];
    }

    public double im(int m, int k, int n) {
        return hIm[index(m, k, n)];
    }

    public boolean served(int m, int k) {
        return served[m * users + k];
    }

    public double budget(int m) {
        return budget[m];
    }

    /** Number of UEs block m serves. */
    public int load(int m) {
        int c = 0;
        for (int k = 0; k < users; k++) {
            if (served[m * users + k]) {
                c++;
            }
        }
        return c;
    }

    /** ‖h_mk‖². */
    public double gain(int m, int k) {
        double s = 0;
        for (int n = 0; n < antennas; n++) {
            int i = index(m, k, n);
            s += hRe[i] * hRe[i] + hIm[i] * hIm[i];
        }
        return s;
    }

    /** Sum rate [bit/s/Hz] of beamformers {@code [M][K][N]} (σ² = 1). */
    public double sumRate(double[] vRe, double[] vIm) {
        double[] gRe = new double[users * users];
        double[] gIm = new double[users * users];
        effectiveChannels(vRe, vIm, gRe, gIm);
        return org.alloc4j.envs.math.SumRates.fromEffectiveChannels(gRe, gIm, users);
    }

    /** g_kj = Σ_m h_mkᴴ v_mj into {@code [K][K]} arrays. */
    public void effectiveChannels(double[] vRe, double[] vIm, double[] gRe, double[] gIm) {
        Arrays.fill(gRe, 0);
        Arrays.fill(gIm, 0);
        for (int m = 0; m < blocks; m++) {
            for (int k = 0; k < users; k++) {
                int hk = index(m, k, 0);
                for (int j = 0; j < users; j++) {
                    int vj = index(m, j, 0);
                    double sr = 0;
                    double si = 0;
                    for (int n = 0; n < antennas; n++) {
                        double hr = hRe[hk + n];
                        double hi = hIm[hk + n];
                        double wr = vRe[vj + n];
                        double wi = vIm[vj + n];
                        sr += hr * wr + hi * wi;
                        si += hr * wi - hi * wr;
                    }
                    gRe[k * users + j] += sr;
                    gIm[k * users + j] += si;
                }
            }
        }
    }

    /** Power of block m: Σ_k ‖v_mk‖². */
    public double blockPower(int m, double[] vRe, double[] vIm) {
        double s = 0;
        for (int i = index(m, 0, 0); i < index(m, 0, 0) + users * antennas; i++) {
            s += vRe[i] * vRe[i] + vIm[i] * vIm[i];
        }
        return s;
    }

    /**
     * Scales all beamformers by one common factor so that every block meets its budget and the tightest
     * one is at equality. A common factor keeps every direction, hence zero-forcing nulls.
     */
    public void scaleToTightestBudget(double[] vRe, double[] vIm) {
        double factor = Double.POSITIVE_INFINITY;
        for (int m = 0; m < blocks; m++) {
            double p = blockPower(m, vRe, vIm);
            if (p > 0) {
                factor = Math.min(factor, Math.sqrt(budget[m] / p));
            }
        }
        if (Double.isFinite(factor)) {
            for (int i = 0; i < vRe.length; i++) {
                vRe[i] *= factor;
                vIm[i] *= factor;
            }
        }
    }

    /** Beamformers {@code [M][K][N]} as a complex array of that shape. */
    public ComplexArray toArray(double[] vRe, double[] vIm) {
        return ComplexArray.of(vRe, vIm, blocks, users, antennas);
    }
}
