package org.alloc4j.envs.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/**
 * Assertions on samples with a stated false-failure rate. Every bound here is set so that a correct
 * generator fails a single assertion with probability about 1e-6 (z = 4.89 for normal approximations,
 * and the asymptotic Kolmogorov–Smirnov bound at α = 1e-6).
 */
public final class StatisticalAssertions {
    /** Two-sided normal quantile for a false-failure rate of 1e-6. */
    public static final double Z = 4.89;
    public static final double FALSE_FAILURE_RATE = 1e-6;

    private StatisticalAssertions() {
    }

    public static double mean(double[] x) {
        return Arrays.stream(x).average().orElseThrow();
    }

    public static double variance(double[] x) {
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return s / (x.length - 1);
    }

    /** Asserts that the sample mean is within Z standard errors of {@code expected}. */
    public static void assertMean(String what, double[] x, double expected) {
        double se = Math.sqrt(variance(x) / x.length);
        assertThat(mean(x)).as("%s: mean of %d samples vs %s (standard error %s, false-failure rate %s)", what,
                x.length, expected, se, FALSE_FAILURE_RATE).isCloseTo(expected, org.assertj.core.data.Offset.offset(Z * se));
    }

    /**
     * Asserts that the sample variance of normal-like data is within Z standard errors of
     * {@code expected} (standard error σ²·sqrt(2/(n−1)), valid for Gaussian samples).
     */
    public static void assertGaussianVariance(String what, double[] x, double expected) {
        double se = expected * Math.sqrt(2.0 / (x.length - 1));
        assertThat(variance(x)).as("%s: variance of %d samples vs %s (false-failure rate %s)", what, x.length, expected,
                FALSE_FAILURE_RATE).isCloseTo(expected, org.assertj.core.data.Offset.offset(Z * se));
    }

    /** One-sample Kolmogorov–Smirnov test against a continuous CDF at α = 1e-6. */
    public static void assertDistribution(String what, double[] x, DoubleUnaryOperator cdf) {
        double[] s = x.clone();
        Arrays.sort(s);
        int n = s.length;
        double d = 0;
        for (int i = 0; i < n; i++) {
            double f = cdf.applyAsDouble(s[i]);
            d = Math.max(d, Math.max((i + 1.0) / n - f, f - (double) i / n));
        }
        double critical = Math.sqrt(-Math.log(FALSE_FAILURE_RATE / 2) / (2.0 * n));
        assertThat(d).as("%s: Kolmogorov-Smirnov distance over %d samples (critical %s at alpha %s)", what, n,
                critical, FALSE_FAILURE_RATE).isLessThan(critical);
    }
}
