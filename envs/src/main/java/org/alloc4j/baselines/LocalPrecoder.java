package org.alloc4j.baselines;

import java.util.Arrays;
import org.alloc4j.envs.math.ComplexMatrix;

/**
 * Precoders that each block computes from its own channels only, with the budget split equally over
 * its served UEs: w_mk = sqrt(P_m/|U_m|)·v_mk/‖v_mk‖.
 * <ul>
 *   <li>{@code przf}, local partial RZF (baselines.md §2.3, the default "P-RZF"):
 *       V_m = H_m (H_mᴴH_m + δ_m I)⁻¹ over the served UEs H_m = [h_mk]_{k∈U_m},
 *       δ_m = |U_m|·σ²/P_m;</li>
 *   <li>{@code structure}, the optimal MISO structure with equal weights (SPEC §4.3, baselines.md §4):
 *       v_mk = (I + Σ_{j=1..K} (λ/σ²) h_mj h_mjᴴ)⁻¹ h_mk over all K UEs with λ = P_m/K; with one block
 *       this is RZF with δ = Kσ²/P.</li>
 * </ul>
 */
public final class LocalPrecoder implements Precoder {
    private final boolean structure;

    private LocalPrecoder(boolean structure) {
        this.structure = structure;
    }

    public static LocalPrecoder partialRzf() {
        return new LocalPrecoder(false);
    }

    public static LocalPrecoder equalWeightStructure() {
        return new LocalPrecoder(true);
    }

    @Override
    public String name() {
        return structure ? "structure" : "przf";
    }

    @Override
    public void precode(DownlinkProblem p, double[] vRe, double[] vIm) {
        Arrays.fill(vRe, 0);
        Arrays.fill(vIm, 0);
        int ant = p.antennas();
        for (int m = 0; m < p.blocks(); m++) {
            int[] servedUsers = servedBy(p, m);
            if (servedUsers.length == 0) {
                continue;
            }
            ComplexMatrix dirs = structure ? structureDirections(p, m, servedUsers) : partialRzfDirections(p, m, servedUsers);
            double share = p.budget(m) / servedUsers.length;
            for (int c = 0; c < servedUsers.length; c++) {
                double norm2 = dirs.columnNormSquared(c);
                if (norm2 == 0) {
                    continue;
                }
                double scale = Math.sqrt(share / norm2);
                for (int n = 0; n < ant; n++) {
                    int i = p.index(m, servedUsers[c], n);
                    vRe[i] = scale * dirs.re(n, c);
                    vIm[i] = scale * dirs.im(n, c);
                }
            }
        }
    }

    private static int[] servedBy(DownlinkProblem p, int m) {
        return java.util.stream.IntStream.range(0, p.users()).filter(k -> p.served(m, k)).toArray();
    }

    private static ComplexMatrix channels(DownlinkProblem p, int m, int[] users) {
        ComplexMatrix h = new ComplexMatrix(p.antennas(), users.length);
        for (int c = 0; c < users.length; c++) {
            for (int n = 0; n < p.antennas(); n++) {
                h.set(n, c, p.re(m, users[c], n), p.im(m, users[c], n));
            }
        }
        return h;
    }

    private static ComplexMatrix partialRzfDirections(DownlinkProblem p, int m, int[] served) {
        ComplexMatrix h = channels(p, m, served);
        ComplexMatrix gram = h.conjugateTranspose().times(h);
        gram.addToDiagonal(served.length / p.budget(m));
        ComplexMatrix coeff = gram.solve(ComplexMatrix.identity(served.length));
        return h.times(coeff);
    }

    private static ComplexMatrix structureDirections(DownlinkProblem p, int m, int[] served) {
        int[] all = java.util.stream.IntStream.range(0, p.users()).toArray();
        ComplexMatrix hAll = channels(p, m, all);
        double lambda = p.budget(m) / p.users();
        ComplexMatrix mat = hAll.times(hAll.conjugateTranspose());
        for (int r = 0; r < p.antennas(); r++) {
            for (int c = 0; c < p.antennas(); c++) {
                mat.set(r, c, lambda * mat.re(r, c), lambda * mat.im(r, c));
            }
        }
        mat.addToDiagonal(1.0);
        return mat.solve(channels(p, m, served));
    }
}
