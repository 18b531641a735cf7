package org.alloc4j.envs.movable;

import static org.alloc4j.envs.testing.StatisticalAssertions.assertDistribution;
import static org.alloc4j.envs.testing.StatisticalAssertions.assertMean;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.alloc4j.envs.DecodingState;
import org.alloc4j.envs.InvalidConfigurationException;
import org.alloc4j.envs.Solution;
import org.alloc4j.envs.Support;
import org.alloc4j.envs.math.ComplexArray;
import org.alloc4j.envs.math.Units;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class MovableAntennaEnvTest {
    private final MovableAntennaEnv tiny = MovableAntennaEnv.preset(MovableAntennaConfig.TINY);
    private final MovableAntennaEnv main = MovableAntennaEnv.preset(MovableAntennaConfig.DEFAULT);

    @Test
    void gridHasTheSpecSizeSpacingAndConflicts() {
        CandidateGrid g = main.grid();
        assertThat(g.size()).isEqualTo(81);
        assertThat(g.x(1) - g.x(0)).isCloseTo(0.25, within(1e-12));
        assertThat(g.x(0)).isCloseTo(-1.0, within(1e-12));
        assertThat(g.y(80)).isCloseTo(1.0, within(1e-12));
        // interior CP at spacing λ/4 with D = λ/2: neighbours strictly closer than 0.5λ are the 8 around it
        // plus 4 at distance 0.25·sqrt(5)... = 0.559 > 0.5, so exactly the 3×3 block minus itself and... check by geometry
        int centre = 40;
        int expected = 0;
        for (int q = 0; q < 81; q++) {
            if (q != centre && Math.hypot(g.x(q) - g.x(centre), g.y(q) - g.y(centre)) < 0.5 - 1e-9) {
                expected++;
            }
        }
        assertThat(g.conflictGraph().degreeOf(centre)).isEqualTo(expected).isEqualTo(8);
        assertThat(g.conflictGraph().containsEdge(centre, centre + 2)).as("exactly D apart is allowed").isFalse();
    }

    @Test
    void choosingAPositionMasksItsConflictNeighbours() {
        MovableAntennaInstance inst = main.sample(RandomSource.XO_RO_SHI_RO_128_PP.create(1L));
        DecodingState s = main.newState(inst);
        s.step(40);
        boolean[] m = s.mask();
        for (int q = 0; q < 81; q++) {
            double d = Math.hypot(main.grid().x(q) - main.grid().x(40), main.grid().y(q) - main.grid().y(40));
            assertThat(m[q]).as("CP %d at distance %s", q, d).isEqualTo(d >= 0.5 - 1e-9);
        }
        assertThat(m[81]).as("no END in the movable-antenna environment").isFalse();
    }

    @Test
    void lookAheadMasksPositionsAfterWhichTheRemainingAntennasNoLongerFit() {
        MovableAntennaEnv corners = new MovableAntennaEnv(MovableAntennaConfig.preset(MovableAntennaConfig.TINY)
                .with(Map.of("antennas", "4", "minDistance", "1.0")));
        DecodingState s = corners.newState(corners.sample(RandomSource.XO_RO_SHI_RO_128_PP.create(2L)));
        boolean[] m = s.mask();
        int[] cornersIdx = {0, 4, 20, 24};
        for (int q = 0; q < 25; q++) {
            boolean corner = q == 0 || q == 4 || q == 20 || q == 24;
            assertThat(m[q]).as("CP %d", q).isEqualTo(corner);
        }
        for (int c : cornersIdx) {
            s.step(c);
        }
        assertThat(s.isDone()).isTrue();
        assertThat(s.support()).isEqualTo(Support.of(cornersIdx));
    }

    @Test
    void geometriesWhereTheAntennasCannotFitAreRejectedAtBuildTime() {
        MovableAntennaConfig tooMany = MovableAntennaConfig.preset(MovableAntennaConfig.TINY).with(Map.of("antennas", "5",
                "minDistance", "1.0"));
        assertThatThrownBy(() -> new MovableAntennaEnv(tooMany)).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("antennas = 5").hasMessageContaining("at most 4 fit")
                .hasMessageContaining("minDistance = 1.0");
        assertThatThrownBy(() -> MovableAntennaConfig.preset(MovableAntennaConfig.TINY).with(Map.of("antennas", "26")))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("antennas = 26");
        assertThatThrownBy(() -> MovableAntennaConfig.preset(MovableAntennaConfig.TINY).with(Map.of("gridPoints", "1")))
                .hasMessageContaining("gridPoints = 1");
        assertThatThrownBy(() -> MovableAntennaConfig.preset(MovableAntennaConfig.TINY).with(Map.of("powerDbm", "70")))
                .hasMessageContaining("powerDbm = 70.0").hasMessageContaining("[-50.0, 60.0]");
        assertThatThrownBy(() -> MovableAntennaConfig.preset(MovableAntennaConfig.TINY).with(Map.of("minDistance", "NaN")))
                .hasMessageContaining("minDistance = NaN");
    }

    @Test
    void anglesFollowTheSinThetaDensityAndUniformAzimuth() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(3L);
        int instances = 1000;
        double[] cosTheta = new double[instances * 20];
        double[] phi = new double[instances * 20];
        int i = 0;
        for (int s = 0; s < instances; s++) {
            FieldResponsePaths p = tiny.sample(rng).paths();
            double[] th = p.theta();
            double[] ph = p.phi();
            for (int l = 0; l < th.length; l++) {
                cosTheta[i] = Math.cos(th[l]);
                phi[i] = ph[l];
                i++;
            }
        }
        assertDistribution("cos(theta) ~ U[-1, 1]", cosTheta, x -> Math.min(1, Math.max(0, (x + 1) / 2)));
        assertDistribution("phi ~ U[0, pi]", phi, x -> Math.min(1, Math.max(0, x / Math.PI)));
    }

    @Test
    void pathGainsAndChannelPowerMatchTheLargeScaleModel() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(4L);
        MovableAntennaConfig c = tiny.config();
        int instances = 2000;
        double[] pathRatio = new double[instances * 20];
        double[] cpRatio = new double[instances * 2 * 3];
        int i = 0;
        int j = 0;
        for (int s = 0; s < instances; s++) {
            MovableAntennaInstance inst = tiny.sample(rng);
            double[] d = inst.userDistanceM();
            FieldResponsePaths p = inst.paths();
            double[] gr = p.gainRe();
            double[] gi = p.gainIm();
            for (int k = 0; k < 2; k++) {
                double ck2 = Units.dbToLinear(c.c0Db()) * Math.pow(d[k], -c.pathLossExponent()) / inst.noiseW();
                for (int l = 0; l < 10; l++) {
                    int idx = k * 10 + l;
                    pathRatio[i++] = (gr[idx] * gr[idx] + gi[idx] * gi[idx]) / (ck2 / 10);
                }
                for (int q : new int[] {0, 12, 24}) {
                    cpRatio[j++] = (inst.re(k, q) * inst.re(k, q) + inst.im(k, q) * inst.im(k, q)) / ck2;
                }
            }
        }
        assertMean("|sigma_kl|^2 / (C0 d^-alpha / L)", pathRatio, 1.0);
        assertMean("|h_k(t)|^2 / (C0 d^-alpha)", cpRatio, 1.0);
    }

    @Test
    void withOnePathTheChannelMagnitudeIsTheSameAtEveryPosition() {
        MovableAntennaEnv onePath = new MovableAntennaEnv(tiny.config().with(Map.of("paths", "1")));
        MovableAntennaInstance inst = onePath.sample(RandomSource.XO_RO_SHI_RO_128_PP.create(5L));
        for (int k = 0; k < 2; k++) {
            double ref = Math.hypot(inst.re(k, 0), inst.im(k, 0));
            for (int q = 1; q < 25; q++) {
                assertThat(Math.hypot(inst.re(k, q), inst.im(k, q))).isCloseTo(ref, within(1e-12 * ref));
            }
        }
    }

    @Test
    void singleUserMaximumRatioReachesTheCapacity() {
        MovableAntennaEnv env = new MovableAntennaEnv(tiny.config().with(Map.of("users", "1")));
        MovableAntennaInstance inst = env.sample(RandomSource.XO_RO_SHI_RO_128_PP.create(6L));
        Support a = Support.of(0, 24);
        double norm2 = 0;
        ComplexArray w = ComplexArray.zeros(2, 1);
        for (int n = 0; n < 2; n++) {
            norm2 += inst.re(0, a.get(n)) * inst.re(0, a.get(n)) + inst.im(0, a.get(n)) * inst.im(0, a.get(n));
        }
        double scale = Math.sqrt(inst.powerW() / norm2);
        for (int n = 0; n < 2; n++) {
            w.set(n, inst.re(0, a.get(n)) * scale, inst.im(0, a.get(n)) * scale);
        }
        assertThat(env.sumRate(inst, new Solution(a, w)))
                .isCloseTo(Math.log1p(norm2 * inst.powerW()) / Math.log(2), within(1e-10));
        assertThat(env.checker().check(inst, new Solution(a, w)).feasible()).isTrue();
    }

    @Test
    void checkerRejectsClosePairsWrongCountsAndExcessPower() {
        MovableAntennaInstance inst = main.sample(RandomSource.XO_RO_SHI_RO_128_PP.create(7L));
        assertThat(main.checker().checkSupport(inst, Support.of(0, 1, 40, 80)).violations()).singleElement().asString()
                .contains("(13)").contains("0 and 1");
        assertThat(main.checker().checkSupport(inst, Support.of(0, 40, 80)).violations()).singleElement().asString()
                .contains("(12)");
        Support ok = Support.of(0, 8, 72, 80);
        ComplexArray w = ComplexArray.zeros(4, 4);
        w.set(0, Math.sqrt(inst.powerW()) * 1.01, 0);
        assertThat(main.checker().check(inst, new Solution(ok, w)).violations()).singleElement().asString().contains("(16b)");
    }

    @Test
    void fieldResponseGradientMatchesFiniteDifferences() {
        FieldResponsePaths p = main.sample(RandomSource.XO_RO_SHI_RO_128_PP.create(8L)).paths();
        double[] out = new double[6];
        double[] plus = new double[2];
        double[] minus = new double[2];
        double h = 1e-6;
        p.channelWithGradient(1, 0.3, -0.2, out);
        p.channel(1, 0.3 + h, -0.2, plus);
        p.channel(1, 0.3 - h, -0.2, minus);
        assertThat(out[2]).isCloseTo((plus[0] - minus[0]) / (2 * h), within(1e-6 * Math.abs(out[2]) + 1e-9));
        assertThat(out[3]).isCloseTo((plus[1] - minus[1]) / (2 * h), within(1e-6 * Math.abs(out[3]) + 1e-9));
        p.channel(1, 0.3, -0.2 + h, plus);
        p.channel(1, 0.3, -0.2 - h, minus);
        assertThat(out[4]).isCloseTo((plus[0] - minus[0]) / (2 * h), within(1e-6 * Math.abs(out[4]) + 1e-9));
        assertThat(out[5]).isCloseTo((plus[1] - minus[1]) / (2 * h), within(1e-6 * Math.abs(out[5]) + 1e-9));
    }
}
