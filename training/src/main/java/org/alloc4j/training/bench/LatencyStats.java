package org.alloc4j.training.bench;

import java.util.Arrays;

/**
 * Median, spread and tail of repeated timings.
 *
 * @param median 50th percentile [ms]
 * @param p99    99th percentile [ms]
 * @param min    fastest [ms]
 * @param max    slowest [ms]
 * @param runs   number of timings
 */
public record LatencyStats(double median, double p99, double min, double max, int runs) {

    public static LatencyStats of(double[] millis) {
        double[] s = millis.clone();
        Arrays.sort(s);
        return new LatencyStats(percentile(s, 0.5), percentile(s, 0.99), s[0], s[s.length - 1], s.length);
    }

    private static double percentile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }
}
