package org.alloc4j.envs.cellfree;

import java.util.Arrays;

/**
 * Where the APs and UEs of an instance were dropped, and what the path-loss model gave.
 *
 * @param apXY         AP positions {@code [M][2]} [m]
 * @param ueXY         UE positions {@code [K][2]} [m]
 * @param distanceM    3-D AP–UE distances {@code [M][K]} [m]
 * @param largeScaleDb β_mk including shadowing {@code [M][K]} [dB]
 */
public record CellFreeGeometry(double[] apXY, double[] ueXY, double[] distanceM, double[] largeScaleDb) {
    public CellFreeGeometry {
        apXY = apXY.clone();
        ueXY = ueXY.clone();
        distanceM = distanceM.clone();
        largeScaleDb = largeScaleDb.clone();
    }

    @Override
    public double[] apXY() {
        return apXY.clone();
    }

    @Override
    public double[] ueXY() {
        return ueXY.clone();
    }

    @Override
    public double[] distanceM() {
        return distanceM.clone();
    }

    @Override
    public double[] largeScaleDb() {
        return largeScaleDb.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CellFreeGeometry g && Arrays.equals(apXY, g.apXY) && Arrays.equals(ueXY, g.ueXY)
                && Arrays.equals(distanceM, g.distanceM) && Arrays.equals(largeScaleDb, g.largeScaleDb);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(largeScaleDb);
    }

    @Override
    public String toString() {
        return "CellFreeGeometry[M=" + apXY.length / 2 + ", K=" + ueXY.length / 2 + "]";
    }
}
