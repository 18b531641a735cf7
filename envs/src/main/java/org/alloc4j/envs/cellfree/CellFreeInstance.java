package org.alloc4j.envs.cellfree;

import java.util.Arrays;
import java.util.Objects;
import org.alloc4j.envs.math.ComplexArray;
import org.alloc4j.envs.math.ComplexMatrix;
import org.alloc4j.envs.math.Units;

/**
 * One cell-free instance: channels h_mk ∈ C^N between M APs and K UEs, the per-AP budget and noise.
 *
 * <p>Units: channels are stored <b>noise-normalised</b>, h_mk/σ, so that the noise power is 1 and
 * beamformer powers are in [W]. {@link #noiseW()} keeps σ² [W] for export. Layout of channels and
 * beamformers: {@code [M][K][N]}, flat index {@code (m·K + k)·N + n}. Link (m, k) is candidate
 * {@code m·K + k}.
 *
 * <p>Immutable; equality compares every number.
 */
public final class CellFreeInstance {
    private final int aps;
    private final int users;
    private final int antennas;
    private final double[] hRe;
    private final double[] hIm;
    private final double[] largeScaleGain;
    private final CellFreeGeometry geometry;
    private final double noiseW;
    private final double powerW;

    /**
     * @param hRe            real parts of h_mk/σ, {@code [M][K][N]}
     * @param hIm            imaginary parts of h_mk/σ, {@code [M][K][N]}
     * @param largeScaleGain β_mk/σ² (linear), {@code [M][K]}
     * @param geometry       drop positions and distances, or {@code null} for hand-made instances
     * @param noiseW         σ² [W]
     * @param powerW         per-AP budget P_max [W]
     */
    public CellFreeInstance(int aps, int users, int antennas, double[] hRe, double[] hIm, double[] largeScaleGain,
                            CellFreeGeometry geometry, double noiseW, double powerW) {
        if (aps < 1 || users < 1 || antennas < 1) {
            throw new IllegalArgumentException("sizes must be positive: M=" + aps + ", K=" + users + ", N=" + antennas);
        }
        int n = aps * users * antennas;
        if (hRe.length != n || hIm.length != n) {
            throw new IllegalArgumentException("channels need M·K·N = " + n + " entries, got " + hRe.length + " and " + hIm.length);
        }
        if (largeScaleGain.length != aps * users) {
            throw new IllegalArgumentException("largeScaleGain needs M·K = " + aps * users + " entries, got " + largeScaleGain.length);
        }
        if (!(noiseW > 0) || !Double.isFinite(noiseW)) {
            throw new IllegalArgumentException("noiseW = " + noiseW + " must be finite and positive");
        }
        if (!(powerW >= 0) || !Double.isFinite(powerW)) {
            throw new IllegalArgumentException("powerW = " + powerW + " must be finite and non-negative");
        }
        this.aps = aps;
        this.users = users;
        this.antennas = antennas;
        this.hRe = hRe.clone();
        this.hIm = hIm.clone();
        this.largeScaleGain = largeScaleGain.clone();
        this.geometry = geometry;
        this.noiseW = noiseW;
        this.powerW = powerW;
    }

    /**
     * A hand-made instance from noise-normalised channels; the large-scale gain of each link is taken
     * as ‖h_mk‖²/N. Useful for fixtures (identical UEs, co-located APs).
     */
    public static CellFreeInstance fromChannels(int aps, int users, int antennas, double[] hRe, double[] hIm,
                                                double noiseW, double powerW) {
        double[] gain = new double[aps * users];
        for (int l = 0; l < gain.length; l++) {
            double s = 0;
            for (int n = 0; n < antennas; n++) {
                int i = l * antennas + n;
                s += hRe[i] * hRe[i] + hIm[i] * hIm[i];
            }
            gain[l] = s / antennas;
        }
        return new CellFreeInstance(aps, users, antennas, hRe, hIm, gain, null, noiseW, powerW);
    }

    public int aps() {
        return aps;
    }

    public int users() {
        return users;
    }

    public int antennas() {
        return antennas;
    }

    /** Flat index of h_mk[n] in the {@code [M][K][N]} layout. */
    public int index(int m, int k, int n) {
        return (m * users + k) * antennas + n;
    }

    /** Re(h_mk[n]/σ). */
    public double re(int m, int k, int n) {
        return hRe[index(m, k, n)];
    }

    /** Im(h_mk[n]/σ). */
    public double im(int m, int k, int n) {
        return hIm[index(m, k, n)];
    }

    /**
     * What each AP's beams deliver: g^m_kj = h_mkᴴ w_mj (noise-normalised amplitudes).
     *
     * @param re Re w, (M, K, N) row-major; likewise {@code im}
     * @return {Re g, Im g}, each (M, K, K) row-major, [m][k][j] = h_mkᴴ w_mj
     */
    public double[][] apAmplitudes(double[] re, double[] im) {
        int k = users;
        int n = antennas;
        double[] gRe = new double[aps * k * k];
        double[] gIm = new double[aps * k * k];
        for (int a = 0; a < aps; a++) {
            for (int rx = 0; rx < k; rx++) {
                for (int j = 0; j < k; j++) {
                    double sr = 0;
                    double si = 0;
                    for (int i = 0; i < n; i++) {
                        double hr = re(a, rx, i);
                        double hi = im(a, rx, i);
                        int wi = (a * k + j) * n + i;
                        sr += hr * re[wi] + hi * im[wi];
                        si += hr * im[wi] - hi * re[wi];
                    }
                    gRe[(a * k + rx) * k + j] = sr;
                    gIm[(a * k + rx) * k + j] = si;
                }
            }
        }
        return new double[][] {gRe, gIm};
    }

    /** AP m's channels h_mk/σ as the columns of an (N, K) matrix. */
    public ComplexMatrix apChannels(int m) {
        ComplexMatrix h = new ComplexMatrix(antennas, users);
        for (int k = 0; k < users; k++) {
            for (int n = 0; n < antennas; n++) {
                h.set(n, k, re(m, k, n), im(m, k, n));
            }
        }
        return h;
    }

    /**
     * The unnormalised structure directions of AP m (SPEC §4.3, noise 1): column k is
     * v_k = (I_N + Σ_j λ_j h_mj h_mjᴴ)⁻¹ h_mk, for all K UEs.
     *
     * @param lambda λ_j ≥ 0 per UE, length K
     */
    public ComplexMatrix structureDirections(int m, double[] lambda) {
        return ComplexMatrix.structureDirections(apChannels(m), lambda);
    }

    /** ‖h_mk‖²/σ². */
    public double channelGain(int m, int k) {
        double s = 0;
        for (int n = 0; n < antennas; n++) {
            int i = index(m, k, n);
            s += hRe[i] * hRe[i] + hIm[i] * hIm[i];
        }
        return s;
    }

    /** β_mk/σ², the large-scale gain normalised by the noise power (linear). */
    public double largeScaleGain(int m, int k) {
        return largeScaleGain[m * users + k];
    }

    /** All noise-normalised channels as a {@code [M][K][N]} array (a copy). */
    public ComplexArray channels() {
        return ComplexArray.of(hRe, hIm, aps, users, antennas);
    }

    /** Drop geometry, or {@code null} for hand-made instances. */
    public CellFreeGeometry geometry() {
        return geometry;
    }

    /** σ² [W]. */
    public double noiseW() {
        return noiseW;
    }

    /** Per-AP budget P_max [W]. */
    public double powerW() {
        return powerW;
    }

    /** Per-AP budget P_max [dBm]. */
    public double powerDbm() {
        return Units.wattsToDbm(powerW);
    }

    /** The same channels with another per-AP budget [dBm]. */
    public CellFreeInstance withPowerDbm(double powerDbm) {
        return new CellFreeInstance(aps, users, antennas, hRe, hIm, largeScaleGain, geometry, noiseW,
                Units.dbmToWatts(powerDbm));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CellFreeInstance c && aps == c.aps && users == c.users && antennas == c.antennas
                && noiseW == c.noiseW && powerW == c.powerW && Arrays.equals(hRe, c.hRe) && Arrays.equals(hIm, c.hIm)
                && Arrays.equals(largeScaleGain, c.largeScaleGain) && Objects.equals(geometry, c.geometry);
    }

    @Override
    public int hashCode() {
        return Objects.hash(aps, users, antennas, powerW, Arrays.hashCode(hRe), Arrays.hashCode(hIm));
    }

    @Override
    public String toString() {
        return "CellFreeInstance[M=" + aps + ", K=" + users + ", N=" + antennas + ", P=" + powerDbm() + " dBm]";
    }
}
