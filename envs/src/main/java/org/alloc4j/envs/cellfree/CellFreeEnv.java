package org.alloc4j.envs.cellfree;

import java.util.Map;
import org.alloc4j.envs.ConfigRecords;
import org.alloc4j.envs.DecodingState;
import org.alloc4j.envs.Environment;
import org.alloc4j.envs.FeasibilityChecker;
import org.alloc4j.envs.Solution;
import org.alloc4j.envs.Support;
import org.alloc4j.envs.math.ComplexArray;
import org.alloc4j.envs.math.SumRates;
import org.alloc4j.envs.math.Units;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.SimpleGraph;

/**
 * Cell-free user association and beamforming ({@code cell-free-v1}, SPEC §2).
 *
 * <p>Candidates are the M·K links, link (m, k) = {@code m·K + k}. Constraints: each AP serves at most
 * K_max UEs (5), each UE is served by at most M_max APs (6), per-AP power Σ_k ‖w_mk‖² ≤ P_max and
 * w_mk = 0 off the support (9b). END is allowed; |A| ≤ min(M·K_max, K·M_max).
 *
 * <p>Beamformer layout {@code [M][K][N]} (w_mk), noise-normalised units (powers in [W]).
 */
public final class CellFreeEnv implements Environment<CellFreeInstance> {
    private final CellFreeConfig config;
    private final CellFreeChecker checker;

    public CellFreeEnv(CellFreeConfig config) {
        this.config = config;
        this.checker = new CellFreeChecker(config);
    }

    /** A preset by id, for example {@code cell-free-tiny-v1}. */
    public static CellFreeEnv preset(String id) {
        return new CellFreeEnv(CellFreeConfig.preset(id));
    }

    public CellFreeConfig config() {
        return config;
    }

    @Override
    public String id() {
        return CellFreeConfig.FAMILY;
    }

    @Override
    public Map<String, String> parameters() {
        return ConfigRecords.toMap(config);
    }

    @Override
    public Class<CellFreeInstance> instanceType() {
        return CellFreeInstance.class;
    }

    @Override
    public int candidateCount() {
        return config.candidateCount();
    }

    @Override
    public boolean endAllowed() {
        return true;
    }

    @Override
    public int maxSteps() {
        return config.maxSupportSize();
    }

    /** AP of a link candidate. */
    public int apOf(int candidate) {
        return candidate / config.users();
    }

    /** UE of a link candidate. */
    public int userOf(int candidate) {
        return candidate % config.users();
    }

    /** Candidate index of link (m, k). */
    public int link(int ap, int user) {
        return ap * config.users() + user;
    }

    /**
     * Draws APs and UEs uniformly in the square, large-scale gains
     * β_mk[dB] = a − b·log10(d_mk) + F_mk with F ~ N(0, s²), and Rayleigh fading h_mk = √β_mk · g, g ~ CN(0, I_N).
     */
    @Override
    public CellFreeInstance sample(UniformRandomProvider rng) {
        int m = config.aps();
        int k = config.users();
        int n = config.antennasPerAp();
        double side = config.sideM();
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] ap = new double[2 * m];
        double[] ue = new double[2 * k];
        for (int i = 0; i < ap.length; i++) {
            ap[i] = side * rng.nextDouble();
        }
        for (int i = 0; i < ue.length; i++) {
            ue[i] = side * rng.nextDouble();
        }
        double noiseW = Units.dbmToWatts(config.noisePowerDbm());
        double[] dist = new double[m * k];
        double[] betaDb = new double[m * k];
        double[] gain = new double[m * k];
        double h2 = config.heightDifferenceM() * config.heightDifferenceM();
        for (int a = 0; a < m; a++) {
            for (int u = 0; u < k; u++) {
                double dx = ap[2 * a] - ue[2 * u];
                double dy = ap[2 * a + 1] - ue[2 * u + 1];
                double d = Math.sqrt(dx * dx + dy * dy + h2);
                int l = a * k + u;
                dist[l] = d;
                betaDb[l] = config.pathLossAt1mDb() - config.pathLossSlopeDb() * Math.log10(d)
                        + config.shadowingStdDb() * gauss.sample();
                gain[l] = Units.dbToLinear(betaDb[l]) / noiseW;
            }
        }
        double[] re = new double[m * k * n];
        double[] im = new double[m * k * n];
        double half = Math.sqrt(0.5);
        for (int l = 0; l < m * k; l++) {
            double amp = Math.sqrt(gain[l]);
            for (int i = 0; i < n; i++) {
                re[l * n + i] = amp * half * gauss.sample();
                im[l * n + i] = amp * half * gauss.sample();
            }
        }
        return new CellFreeInstance(m, k, n, re, im, gain, new CellFreeGeometry(ap, ue, dist, betaDb), noiseW,
                Units.dbmToWatts(config.powerDbm()));
    }

    @Override
    public CellFreeInstance withPowerDbm(CellFreeInstance instance, double powerDbm) {
        return instance.withPowerDbm(powerDbm);
    }

    @Override
    public double powerDbm(CellFreeInstance instance) {
        return instance.powerDbm();
    }

    @Override
    public DecodingState newState(CellFreeInstance instance) {
        requireSizes(instance);
        return new CellFreeState(this);
    }

    @Override
    public int[] beamformerShape(CellFreeInstance instance, Support support) {
        return new int[] {instance.aps(), instance.users(), instance.antennas()};
    }

    /**
     * R = Σ_k log2(1 + |g_kk|²/(Σ_{j≠k}|g_kj|² + 1)), g_kj = Σ_m h_mkᴴ w_mj, in noise-normalised units.
     * The support set does not enter: links off the support must carry w = 0, which the checker verifies.
     */
    @Override
    public double sumRate(CellFreeInstance instance, Solution solution) {
        ComplexArray w = solution.beamformer();
        int m = instance.aps();
        int k = instance.users();
        int n = instance.antennas();
        if (w.rank() != 3 || w.dim(0) != m || w.dim(1) != k || w.dim(2) != n) {
            throw new IllegalArgumentException("beamformer shape " + java.util.Arrays.toString(w.shape())
                    + " does not match [M][K][N] = [" + m + "][" + k + "][" + n + "]");
        }
        double[][] perAp = instance.apAmplitudes(w.realParts(), w.imagParts());
        double[] gRe = new double[k * k];
        double[] gIm = new double[k * k];
        for (int a = 0; a < m; a++) {
            for (int i = 0; i < k * k; i++) {
                gRe[i] += perAp[0][a * k * k + i];
                gIm[i] += perAp[1][a * k * k + i];
            }
        }
        return SumRates.fromEffectiveChannels(gRe, gIm, k);
    }

    @Override
    public FeasibilityChecker<CellFreeInstance> checker() {
        return checker;
    }

    /**
     * The AP–UE association graph of a support set (JGraphT): vertex m is AP m, vertex M + k is UE k,
     * one edge per served link.
     */
    public Graph<Integer, DefaultEdge> associationGraph(Support support) {
        Graph<Integer, DefaultEdge> g = new SimpleGraph<>(DefaultEdge.class);
        for (int v = 0; v < config.aps() + config.users(); v++) {
            g.addVertex(v);
        }
        for (int i = 0; i < support.size(); i++) {
            g.addEdge(apOf(support.get(i)), config.aps() + userOf(support.get(i)));
        }
        return g;
    }

    @Override
    public String describeCandidate(int candidate) {
        if (candidate == endAction()) {
            return "END";
        }
        return "link(AP " + apOf(candidate) + ", UE " + userOf(candidate) + ")";
    }

    void requireSizes(CellFreeInstance instance) {
        if (instance.aps() != config.aps() || instance.users() != config.users()
                || instance.antennas() != config.antennasPerAp()) {
            throw new IllegalArgumentException("instance " + instance + " does not match the environment's sizes M="
                    + config.aps() + ", K=" + config.users() + ", N=" + config.antennasPerAp());
        }
    }

    @Override
    public String toString() {
        return id() + parameters();
    }
}
