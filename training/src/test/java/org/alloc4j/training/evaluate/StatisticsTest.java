package org.alloc4j.training.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class StatisticsTest {

    @Test
    void aConstantOffsetHasAZeroWidthPairedInterval() {
        double[] ref = {20, 25, 31, 27, 22};
        double[] x = new double[ref.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = ref[i] + 0.5;
        }
        assertThat(Statistics.pairedRatioCi95(x, ref)).isCloseTo(0, within(1e-12));
        assertThat(Statistics.ci95(x)).isGreaterThan(1);
    }

    /**
     * Coverage of the paired interval: a method that adds N(0.1, 0.5²) to a reference of N(27, 2²) per
     * instance, 100 instances, 2 000 seeded test sets. The true ratio 27.1/27 must lie inside about 95 %
     * of the intervals; accepted 0.93–0.97, four binomial standard deviations (0.0049) either side, so a
     * correct interval fails with probability below 1e-4.
     */
    @Test
    void thePairedIntervalCoversTheTrueRatioAboutNinetyFivePercentOfTheTime() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(42L);
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        double truth = 27.1 / 27;
        int trials = 2000;
        int covered = 0;
        for (int t = 0; t < trials; t++) {
            double[] ref = new double[100];
            double[] x = new double[100];
            for (int i = 0; i < ref.length; i++) {
                ref[i] = 27 + 2 * g.sample();
                x[i] = ref[i] + 0.1 + 0.5 * g.sample();
            }
            double ratio = Statistics.mean(x) / Statistics.mean(ref);
            covered += Math.abs(ratio - truth) <= Statistics.pairedRatioCi95(x, ref) ? 1 : 0;
        }
        assertThat((double) covered / trials).isBetween(0.93, 0.97);
    }
}
