package org.alloc4j.envs.cellfree;

import static org.alloc4j.envs.testing.StatisticalAssertions.assertGaussianVariance;
import static org.alloc4j.envs.testing.StatisticalAssertions.assertMean;
import static org.assertj.core.api.Assertions.assertThat;

import org.alloc4j.envs.math.Units;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/**
 * Statistics of the cell-free generator (SPEC §2). Each assertion has a false-failure rate of about
 * 1e-6 (see StatisticalAssertions); the seed is fixed, so a failure reproduces.
 */
class CellFreeGeneratorStatisticsTest {
    private static final int INSTANCES = 3000;
    private final CellFreeEnv env = CellFreeEnv.preset(CellFreeConfig.TINY);

    @Test
    void largeScaleGainFollowsThePathLossFormulaWithFourDbShadowing() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(1L);
        int links = 9;
        double[] shadowDb = new double[INSTANCES * links];
        double[] linearRatio = new double[INSTANCES * links];
        int i = 0;
        for (int s = 0; s < INSTANCES; s++) {
            CellFreeGeometry g = env.sample(rng).geometry();
            double[] d = g.distanceM();
            double[] beta = g.largeScaleDb();
            for (int l = 0; l < links; l++) {
                double formula = -30.5 - 36.7 * Math.log10(d[l]);
                shadowDb[i] = beta[l] - formula;
                linearRatio[i] = Units.dbToLinear(beta[l]) / Units.dbToLinear(formula);
                i++;
            }
        }
        assertMean("shadowing [dB]", shadowDb, 0.0);
        assertGaussianVariance("shadowing [dB]", shadowDb, 16.0);
        // E[10^(F/10)] for F ~ N(0, 4²) dB is exp((4·ln10/10)²/2)
        double s = 4 * Math.log(10) / 10;
        assertMean("linear gain / path-loss formula", linearRatio, Math.exp(s * s / 2));
    }

    @Test
    void distancesIncludeTheTenMetreHeightAndDropsStayInTheSquare() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(2L);
        for (int s = 0; s < 200; s++) {
            CellFreeGeometry g = env.sample(rng).geometry();
            double[] ap = g.apXY();
            double[] ue = g.ueXY();
            assertThat(java.util.Arrays.stream(ap).min().orElseThrow()).isGreaterThanOrEqualTo(0.0);
            assertThat(java.util.Arrays.stream(ap).max().orElseThrow()).isLessThan(200.0);
            assertThat(java.util.Arrays.stream(ue).min().orElseThrow()).isGreaterThanOrEqualTo(0.0);
            assertThat(java.util.Arrays.stream(ue).max().orElseThrow()).isLessThan(200.0);
            for (int m = 0; m < 3; m++) {
                for (int k = 0; k < 3; k++) {
                    double dx = ap[2 * m] - ue[2 * k];
                    double dy = ap[2 * m + 1] - ue[2 * k + 1];
                    assertThat(g.distanceM()[m * 3 + k]).isCloseTo(Math.sqrt(dx * dx + dy * dy + 100), org.assertj.core.data.Offset.offset(1e-9));
                }
            }
        }
    }

    @Test
    void smallScaleFadingIsCircularUnitVarianceRayleigh() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(3L);
        int per = 9 * 2;
        double[] power = new double[INSTANCES * per];
        double[] re2 = new double[INSTANCES * per];
        double[] reIm = new double[INSTANCES * per];
        double[] cross = new double[INSTANCES * 9];
        int i = 0;
        int c = 0;
        for (int s = 0; s < INSTANCES; s++) {
            CellFreeInstance inst = env.sample(rng);
            for (int m = 0; m < 3; m++) {
                for (int k = 0; k < 3; k++) {
                    double amp = Math.sqrt(inst.largeScaleGain(m, k));
                    double[] gr = new double[2];
                    double[] gi = new double[2];
                    for (int n = 0; n < 2; n++) {
                        gr[n] = inst.re(m, k, n) / amp;
                        gi[n] = inst.im(m, k, n) / amp;
                        power[i] = gr[n] * gr[n] + gi[n] * gi[n];
                        re2[i] = gr[n] * gr[n];
                        reIm[i] = gr[n] * gi[n];
                        i++;
                    }
                    cross[c++] = gr[0] * gr[1] + gi[0] * gi[1]; // Re(g_0 conj(g_1))
                }
            }
        }
        assertMean("E|g_n|^2", power, 1.0);
        assertMean("E[Re(g)^2]", re2, 0.5);
        assertMean("E[Re(g) Im(g)]", reIm, 0.0);
        assertMean("Re E[g_0 conj(g_1)]", cross, 0.0);
    }
}
