package org.alloc4j.envs.movable;

import java.util.Arrays;
import java.util.Map;
import org.alloc4j.envs.ConfigRecords;
import org.alloc4j.envs.DecodingState;
import org.alloc4j.envs.Environment;
import org.alloc4j.envs.FeasibilityChecker;
import org.alloc4j.envs.InvalidConfigurationException;
import org.alloc4j.envs.Solution;
import org.alloc4j.envs.Support;
import org.alloc4j.envs.math.ComplexArray;
import org.alloc4j.envs.math.SumRates;
import org.alloc4j.envs.math.Units;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Movable-antenna positioning and beamforming ({@code movable-antenna-v1}, SPEC §3).
 *
 * <p>Candidates are the Q = G² grid positions. Exactly N are chosen (12), pairwise at least D apart
 * (13); there is no END. The mask also removes positions after which the remaining antennas could no
 * longer be placed, so decoding never reaches a dead end. Total power ‖W‖_F² ≤ P_max (16b).
 *
 * <p>Beamformer layout {@code [N][K]}: row n is the antenna at the n-th chosen position in ascending
 * candidate order; noise-normalised units (powers in [W]).
 */
public final class MovableAntennaEnv implements Environment<MovableAntennaInstance> {
    private final MovableAntennaConfig config;
    private final CandidateGrid grid;
    private final MovableAntennaChecker checker;

    /**
     * @throws InvalidConfigurationException if N antennas cannot be placed at least D apart on the grid
     */
    public MovableAntennaEnv(MovableAntennaConfig config) {
        this.config = config;
        this.grid = new CandidateGrid(config.gridPoints(), config.areaSide(), config.minDistance());
        int fit = grid.maxPlaceable(config.antennas());
        if (fit < config.antennas()) {
            throw new InvalidConfigurationException(MovableAntennaConfig.FAMILY + ": antennas = " + config.antennas()
                    + " cannot be placed at least minDistance = " + config.minDistance() + "λ apart on a "
                    + config.gridPoints() + "×" + config.gridPoints() + " grid of side areaSide = " + config.areaSide()
                    + "λ: at most " + fit + " fit; allowed: antennas in [1, " + fit
                    + "], or a larger areaSide/gridPoints, or a smaller minDistance");
        }
        this.checker = new MovableAntennaChecker(config, grid);
    }

    public static MovableAntennaEnv preset(String id) {
        return new MovableAntennaEnv(MovableAntennaConfig.preset(id));
    }

    public MovableAntennaConfig config() {
        return config;
    }

    public CandidateGrid grid() {
        return grid;
    }

    @Override
    public String id() {
        return MovableAntennaConfig.FAMILY;
    }

    @Override
    public Map<String, String> parameters() {
        return ConfigRecords.toMap(config);
    }

    @Override
    public Class<MovableAntennaInstance> instanceType() {
        return MovableAntennaInstance.class;
    }

    @Override
    public int candidateCount() {
        return grid.size();
    }

    @Override
    public boolean endAllowed() {
        return false;
    }

    @Override
    public int maxSteps() {
        return config.antennas();
    }

    /**
     * Draws, per UE k: d_k ~ U[d_min, d_max]; per path l: σ_kl ~ CN(0, C_0·d_k^−α/L),
     * φ_kl ~ U[0, π], cos θ_kl ~ U[−1, 1] (density sinθ/(2π) on [0, π]²); then the channel at every CP.
     */
    @Override
    public MovableAntennaInstance sample(UniformRandomProvider rng) {
        int k = config.users();
        int l = config.paths();
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        double noiseW = Units.dbmToWatts(config.noisePowerDbm());
        double[] dist = new double[k];
        double[] gr = new double[k * l];
        double[] gi = new double[k * l];
        double[] theta = new double[k * l];
        double[] phi = new double[k * l];
        for (int u = 0; u < k; u++) {
            dist[u] = config.minUserDistanceM() + (config.maxUserDistanceM() - config.minUserDistanceM()) * rng.nextDouble();
            double variance = Units.dbToLinear(config.c0Db()) * Math.pow(dist[u], -config.pathLossExponent())
                    / l / noiseW;
            double std = Math.sqrt(variance / 2);
            for (int p = 0; p < l; p++) {
                int i = u * l + p;
                gr[i] = std * gauss.sample();
                gi[i] = std * gauss.sample();
                theta[i] = Math.acos(2 * rng.nextDouble() - 1);
                phi[i] = Math.PI * rng.nextDouble();
            }
        }
        FieldResponsePaths paths = new FieldResponsePaths(k, l, gr, gi, theta, phi);
        return onGrid(paths, dist, noiseW, Units.dbmToWatts(config.powerDbm()));
    }

    /** An instance whose grid channels are the field response of the given paths. */
    public MovableAntennaInstance onGrid(FieldResponsePaths paths, double[] userDistanceM, double noiseW, double powerW) {
        int k = paths.users();
        int q = grid.size();
        double[] re = new double[k * q];
        double[] im = new double[k * q];
        double[] h = new double[2];
        for (int u = 0; u < k; u++) {
            for (int c = 0; c < q; c++) {
                paths.channel(u, grid.x(c), grid.y(c), h);
                re[u * q + c] = h[0];
                im[u * q + c] = h[1];
            }
        }
        return new MovableAntennaInstance(k, grid, re, im, userDistanceM, paths, noiseW, powerW);
    }

    @Override
    public MovableAntennaInstance withPowerDbm(MovableAntennaInstance instance, double powerDbm) {
        return instance.withPowerDbm(powerDbm);
    }

    @Override
    public double powerDbm(MovableAntennaInstance instance) {
        return instance.powerDbm();
    }

    @Override
    public DecodingState newState(MovableAntennaInstance instance) {
        if (!instance.grid().equals(grid) || instance.users() != config.users()) {
            throw new IllegalArgumentException("instance " + instance + " does not match the environment (K="
                    + config.users() + ", Q=" + grid.size() + ")");
        }
        return new MovableAntennaState(this);
    }

    @Override
    public int[] beamformerShape(MovableAntennaInstance instance, Support support) {
        return new int[] {support.size(), instance.users()};
    }

    /**
     * R = Σ_k log2(1 + |g_kk|²/(Σ_{j≠k}|g_kj|² + 1)), g_kj = h_k(A)ᴴ w_j, h_k(A) the channels of the
     * chosen CPs in ascending order; noise-normalised units.
     */
    @Override
    public double sumRate(MovableAntennaInstance instance, Solution solution) {
        Support a = solution.support();
        ComplexArray w = solution.beamformer();
        int k = instance.users();
        if (w.rank() != 2 || w.dim(0) != a.size() || w.dim(1) != k) {
            throw new IllegalArgumentException("beamformer shape " + Arrays.toString(w.shape())
                    + " does not match [|A|][K] = [" + a.size() + "][" + k + "]");
        }
        double[] gRe = new double[k * k];
        double[] gIm = new double[k * k];
        for (int rx = 0; rx < k; rx++) {
            for (int j = 0; j < k; j++) {
                double sr = 0;
                double si = 0;
                for (int n = 0; n < a.size(); n++) {
                    double hr = instance.re(rx, a.get(n));
                    double hi = instance.im(rx, a.get(n));
                    int wi = n * k + j;
                    sr += hr * w.re(wi) + hi * w.im(wi);
                    si += hr * w.im(wi) - hi * w.re(wi);
                }
                gRe[rx * k + j] = sr;
                gIm[rx * k + j] = si;
            }
        }
        return SumRates.fromEffectiveChannels(gRe, gIm, k);
    }

    @Override
    public FeasibilityChecker<MovableAntennaInstance> checker() {
        return checker;
    }

    @Override
    public String describeCandidate(int candidate) {
        if (candidate == endAction()) {
            return "END";
        }
        return "CP " + candidate + " (" + grid.x(candidate) + "λ, " + grid.y(candidate) + "λ)";
    }

    @Override
    public String toString() {
        return id() + parameters();
    }
}
