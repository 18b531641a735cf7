package org.alloc4j.envs;

/**
 * Argument checks that fail with {@link InvalidConfigurationException}, naming the owner, the field,
 * its value and the allowed range.
 */
public final class Check {
    private Check() {
    }

    /** An integer in [lo, hi]. */
    public static int intIn(String owner, String field, int value, int lo, int hi) {
        if (value < lo || value > hi) {
            throw InvalidConfigurationException.of(owner, field, value, "integer in [" + lo + ", " + hi + "]");
        }
        return value;
    }

    /** A finite number in [lo, hi]. */
    public static double finiteIn(String owner, String field, double value, double lo, double hi) {
        if (!Double.isFinite(value) || value < lo || value > hi) {
            throw InvalidConfigurationException.of(owner, field, value, "finite number in [" + lo + ", " + hi + "]");
        }
        return value;
    }

    /** A finite number in (lo, hi]. */
    public static double finiteAbove(String owner, String field, double value, double lo, double hi) {
        if (!Double.isFinite(value) || value <= lo || value > hi) {
            throw InvalidConfigurationException.of(owner, field, value, "finite number in (" + lo + ", " + hi + "]");
        }
        return value;
    }
}
