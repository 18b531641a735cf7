package org.alloc4j.envs.movable;

import java.util.Arrays;
import java.util.Objects;
import org.alloc4j.envs.math.ComplexArray;
import org.alloc4j.envs.math.Units;

/**
 * One movable-antenna instance: channels h_{k,q} from every candidate position q to every UE k, the
 * total power budget and the noise.
 *
 * <p>Units: channels are <b>noise-normalised</b> (h/σ), so the noise power is 1 and powers are in [W];
 * {@link #noiseW()} keeps σ² [W]. Channel layout {@code [K][Q]}, flat index {@code k·Q + q}.
 * Immutable; equality compares every number.
 */
public final class MovableAntennaInstance {
    private final int users;
    private final CandidateGrid grid;
    private final double[] hRe;
    private final double[] hIm;
    private final double[] userDistanceM;
    private final FieldResponsePaths paths;
    private final double noiseW;
    private final double powerW;

    /**
     * @param grid          the candidate positions
     * @param hRe           Re(h_{k,q})/σ, {@code [K][Q]}
     * @param hIm           Im(h_{k,q})/σ, {@code [K][Q]}
     * @param userDistanceM BS–UE distances d_k [m], or {@code null} for hand-made instances
     * @param paths         the multipath parameters that generated the channels, or {@code null}
     *                      (then methods that need channels off the grid, such as FP-C, refuse it)
     * @param noiseW        σ² [W]
     * @param powerW        total budget P_max [W]
     */
    public MovableAntennaInstance(int users, CandidateGrid grid, double[] hRe, double[] hIm, double[] userDistanceM,
                                  FieldResponsePaths paths, double noiseW, double powerW) {
        int q = grid.size();
        if (users < 1) {
            throw new IllegalArgumentException("users = " + users + " must be positive");
        }
        if (hRe.length != users * q || hIm.length != users * q) {
            throw new IllegalArgumentException("channels need K·Q = " + users * q + " entries, got " + hRe.length + " and " + hIm.length);
        }
        if (!(noiseW > 0) || !Double.isFinite(noiseW)) {
            throw new IllegalArgumentException("noiseW = " + noiseW + " must be finite and positive");
        }
        if (!(powerW >= 0) || !Double.isFinite(powerW)) {
            throw new IllegalArgumentException("powerW = " + powerW + " must be finite and non-negative");
        }
        this.users = users;
        this.grid = grid;
        this.hRe = hRe.clone();
        this.hIm = hIm.clone();
        this.userDistanceM = userDistanceM == null ? null : userDistanceM.clone();
        this.paths = paths;
        this.noiseW = noiseW;
        this.powerW = powerW;
    }

    public int users() {
        return users;
    }

    /** Q. */
    public int candidates() {
        return grid.size();
    }

    public CandidateGrid grid() {
        return grid;
    }

    /** Re(h_{k,q})/σ. */
    public double re(int k, int q) {
        return hRe[k * grid.size() + q];
    }

    /** Im(h_{k,q})/σ. */
    public double im(int k, int q) {
        return hIm[k * grid.size() + q];
    }

    /** All noise-normalised channels, {@code [K][Q]} (a copy). */
    public ComplexArray channels() {
        return ComplexArray.of(hRe, hIm, users, grid.size());
    }

    /** BS–UE distances [m] (a copy), or {@code null}. */
    public double[] userDistanceM() {
        return userDistanceM == null ? null : userDistanceM.clone();
    }

    /** Multipath parameters, or {@code null} for hand-made instances. */
    public FieldResponsePaths paths() {
        return paths;
    }

    public double noiseW() {
        return noiseW;
    }

    /** Total budget P_max [W]. */
    public double powerW() {
        return powerW;
    }

    public double powerDbm() {
        return Units.wattsToDbm(powerW);
    }

    public MovableAntennaInstance withPowerDbm(double powerDbm) {
        return new MovableAntennaInstance(users, grid, hRe, hIm, userDistanceM, paths, noiseW, Units.dbmToWatts(powerDbm));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MovableAntennaInstance m && users == m.users && grid.equals(m.grid) && noiseW == m.noiseW
                && powerW == m.powerW && Arrays.equals(hRe, m.hRe) && Arrays.equals(hIm, m.hIm)
                && Arrays.equals(userDistanceM, m.userDistanceM) && Objects.equals(paths, m.paths);
    }

    @Override
    public int hashCode() {
        return Objects.hash(users, powerW, Arrays.hashCode(hRe), Arrays.hashCode(hIm));
    }

    @Override
    public String toString() {
        return "MovableAntennaInstance[K=" + users + ", Q=" + grid.size() + ", P=" + powerDbm() + " dBm]";
    }
}
