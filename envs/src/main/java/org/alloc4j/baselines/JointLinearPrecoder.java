package org.alloc4j.baselines;

import java.util.Arrays;
import org.alloc4j.envs.math.ComplexMatrix;

/**
 * Zero-forcing and regularised zero-forcing by joint transmission from every block that serves a UE.
 *
 * <p>For UE k, let G_k hold the channels of all UEs restricted to the antennas of k's serving blocks
 * (n_k = N·|M_k| rows, K columns). Directions:
 * <ul>
 *   <li>ZF: w̄_k = G_k (G_kᴴG_k)⁻¹ e_k, the minimum-norm solution of h_jᴴ w = δ_jk, when n_k ≥ K
 *       and G_k has full rank; otherwise G_k (G_kᴴG_k + εI)⁻¹ e_k with ε = 1e-10·tr/K, the
 *       least-squares best effort;</li>
 *   <li>RZF: w̄_k = (δI + G_k G_kᴴ)⁻¹ h_k restricted to k's antennas, δ = K·σ²/Σ_m P_m.</li>
 * </ul>
 * Powers: ZF water-fills the total budget over the interference-free gains |h_kᴴŵ_k|²; RZF splits it
 * equally. Then one common factor scales every beamformer so that every block meets its budget and
 * the tightest is at equality (a common factor keeps ZF nulls).
 */
public final class JointLinearPrecoder implements Precoder {
    private final boolean regularised;

    private JointLinearPrecoder(boolean regularised) {
        this.regularised = regularised;
    }

    public static JointLinearPrecoder zeroForcing() {
        return new JointLinearPrecoder(false);
    }

    public static JointLinearPrecoder regularised() {
        return new JointLinearPrecoder(true);
    }

    @Override
    public String name() {
        return regularised ? "rzf" : "zf";
    }

    @Override
    public void precode(DownlinkProblem p, double[] vRe, double[] vIm) {
        Arrays.fill(vRe, 0);
        Arrays.fill(vIm, 0);
        int users = p.users();
        int ant = p.antennas();
        double total = PowerAllocation.totalBudget(p);
        double[] gains = new double[users];
        for (int k = 0; k < users; k++) {
            int[] blocks = servingBlocks(p, k);
            if (blocks.length == 0) {
                continue;
            }
            int rows = blocks.length * ant;
            ComplexMatrix g = new ComplexMatrix(rows, users);
            for (int b = 0; b < blocks.length; b++) {
                for (int j = 0; j < users; j++) {
                    for (int n = 0; n < ant; n++) {
                        g.set(b * ant + n, j, p.re(blocks[b], j, n), p.im(blocks[b], j, n));
                    }
                }
            }
            ComplexMatrix w = regularised ? rzfDirection(g, k, users / total) : zfDirection(g, k);
            double norm2 = w.columnNormSquared(0);
            if (norm2 == 0) {
                continue;
            }
            double inv = 1 / Math.sqrt(norm2);
            double effRe = 0;
            double effIm = 0;
            for (int b = 0; b < blocks.length; b++) {
                for (int n = 0; n < ant; n++) {
                    int i = p.index(blocks[b], k, n);
                    vRe[i] = w.re(b * ant + n, 0) * inv;
                    vIm[i] = w.im(b * ant + n, 0) * inv;
                    double hr = g.re(b * ant + n, k);
                    double hi = g.im(b * ant + n, k);
                    effRe += hr * vRe[i] + hi * vIm[i];
                    effIm += hr * vIm[i] - hi * vRe[i];
                }
            }
            gains[k] = effRe * effRe + effIm * effIm;
        }
        double[] power;
        if (regularised) {
            power = new double[users];
            int servedUsers = 0;
            for (int k = 0; k < users; k++) {
                if (gains[k] > 0) {
                    servedUsers++;
                }
            }
            for (int k = 0; k < users; k++) {
                power[k] = gains[k] > 0 ? total / servedUsers : 0;
            }
        } else {
            power = PowerAllocation.waterFilling(gains, total);
        }
        PowerAllocation.setUserPowers(p, vRe, vIm, power);
        p.scaleToTightestBudget(vRe, vIm);
    }

    private static int[] servingBlocks(DownlinkProblem p, int k) {
        return java.util.stream.IntStream.range(0, p.blocks()).filter(m -> p.served(m, k)).toArray();
    }

    private static ComplexMatrix zfDirection(ComplexMatrix g, int k) {
        int users = g.cols();
        ComplexMatrix gram = g.conjugateTranspose().times(g);
        ComplexMatrix e = new ComplexMatrix(users, 1);
        e.set(k, 0, 1, 0);
        if (g.rows() >= users) {
            try {
                return g.times(gram.solve(e));
            } catch (ArithmeticException rankDeficient) {
                // fall through to the regularised least-squares direction
            }
        }
        gram.addToDiagonal(1e-10 * Math.max(gram.traceRe(), 1e-300) / users);
        return g.times(gram.solve(e));
    }

    private static ComplexMatrix rzfDirection(ComplexMatrix g, int k, double delta) {
        int rows = g.rows();
        ComplexMatrix cov = g.times(g.conjugateTranspose());
        cov.addToDiagonal(delta);
        ComplexMatrix h = new ComplexMatrix(rows, 1);
        for (int r = 0; r < rows; r++) {
            h.set(r, 0, g.re(r, k), g.im(r, k));
        }
        return cov.solve(h);
    }
}
