package org.alloc4j.envs.math;

/** Conversions between decibel scales and linear powers. */
public final class Units {
    private Units() {
    }

    /** Power [dBm] to [W]. */
    public static double dbmToWatts(double dbm) {
        return Math.pow(10.0, (dbm - 30.0) / 10.0);
    }

    /** Power [W] to [dBm]. */
    public static double wattsToDbm(double watts) {
        return 10.0 * Math.log10(watts) + 30.0;
    }

    /** Ratio [dB] to linear. */
    public static double dbToLinear(double db) {
        return Math.pow(10.0, db / 10.0);
    }

    /** Linear ratio to [dB]. */
    public static double linearToDb(double linear) {
        return 10.0 * Math.log10(linear);
    }
}
