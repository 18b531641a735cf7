package org.alloc4j.training.evaluate;

/** Means and confidence intervals for result tables. */
public final class Statistics {
    /** t_{0.975, df} for df = 1..30. */
    private static final double[] T975 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201,
        2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052,
        2.048, 2.045, 2.042};

    private Statistics() {
    }

    public static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return x.length == 0 ? Double.NaN : s / x.length;
    }

    /**
     * Half-width of the 95 % confidence interval of the mean: t_{0.975, n−1}·s/√n, with the t quantile
     * from a table up to 30 degrees of freedom and 1.96 + 2.5/df beyond (error below 0.002).
     */
    public static double ci95(double[] x) {
        int n = x.length;
        if (n < 2) {
            return Double.NaN;
        }
        double m = mean(x);
        double ss = 0;
        for (double v : x) {
            ss += (v - m) * (v - m);
        }
        double sd = Math.sqrt(ss / (n - 1));
        int df = n - 1;
        double t = df <= 30 ? T975[df - 1] : 1.96 + 2.5 / df;
        return t * sd / Math.sqrt(n);
    }

    /**
     * Half-width of the 95 % confidence interval of mean(x)/mean(ref) for paired samples (the same
     * instances): {@link #ci95} of the differences x_i − ref_i over mean(ref), the reference mean taken
     * as exact (its own error enters only at second order when the ratio is near 1).
     */
    public static double pairedRatioCi95(double[] x, double[] ref) {
        if (x.length != ref.length) {
            throw new IllegalArgumentException("paired samples need equal lengths: " + x.length + " and " + ref.length);
        }
        double[] d = new double[x.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = x[i] - ref[i];
        }
        return ci95(d) / mean(ref);
    }
}
