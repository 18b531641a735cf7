package org.alloc4j.envs.movable;

import static org.alloc4j.envs.Check.finiteAbove;
import static org.alloc4j.envs.Check.finiteIn;
import static org.alloc4j.envs.Check.intIn;

import java.util.Map;
import org.alloc4j.envs.ConfigRecords;
import org.alloc4j.envs.InvalidConfigurationException;

/**
 * Parameters of the movable-antenna positioning and beamforming environment (SPEC §3). Lengths in the
 * transmit area are in wavelengths (λ = 1).
 *
 * @param antennas          N, movable antennas to place (constraint (12): exactly N)
 * @param users             K, single-antenna UEs
 * @param areaSide          side A_s of the square transmit area [λ]
 * @param gridPoints        G, candidate positions per side (Q = G²), spacing A_s/(G−1)
 * @param minDistance       D, minimum distance between chosen positions, constraint (13) [λ]
 * @param paths             L, propagation paths per UE
 * @param c0Db              C_0, path gain at 1 m [dB] (−40)
 * @param pathLossExponent  α (2.8)
 * @param minUserDistanceM  lower end of the uniform UE distance [m] (20)
 * @param maxUserDistanceM  upper end of the uniform UE distance [m] (100)
 * @param noisePowerDbm     σ² [dBm] (−80)
 * @param powerDbm          total power budget P_max [dBm], in [−50, 60]
 */
public record MovableAntennaConfig(
        int antennas,
        int users,
        double areaSide,
        int gridPoints,
        double minDistance,
        int paths,
        double c0Db,
        double pathLossExponent,
        double minUserDistanceM,
        double maxUserDistanceM,
        double noisePowerDbm,
        double powerDbm) {

    public static final String FAMILY = "movable-antenna-v1";
    public static final String TINY = "movable-antenna-tiny-v1";
    public static final String DEFAULT = "movable-antenna-v1";

    public MovableAntennaConfig {
        intIn(FAMILY, "antennas", antennas, 1, 64);
        intIn(FAMILY, "users", users, 1, 256);
        finiteAbove(FAMILY, "areaSide", areaSide, 0, 1000);
        intIn(FAMILY, "gridPoints", gridPoints, 2, 64);
        finiteIn(FAMILY, "minDistance", minDistance, 0, 1000);
        intIn(FAMILY, "paths", paths, 1, 10000);
        finiteIn(FAMILY, "c0Db", c0Db, -300, 100);
        finiteAbove(FAMILY, "pathLossExponent", pathLossExponent, 0, 10);
        finiteAbove(FAMILY, "minUserDistanceM", minUserDistanceM, 0, 1e6);
        finiteIn(FAMILY, "maxUserDistanceM", maxUserDistanceM, minUserDistanceM, 1e6);
        finiteIn(FAMILY, "noisePowerDbm", noisePowerDbm, -250, 60);
        finiteIn(FAMILY, "powerDbm", powerDbm, -50, 60);
        if (antennas > gridPoints * gridPoints) {
            throw InvalidConfigurationException.of(FAMILY, "antennas", antennas,
                    "integer in [1, G² = " + gridPoints * gridPoints + "] (more antennas than candidate positions)");
        }
    }

    /** A preset by id: {@value #TINY} or {@value #DEFAULT}. */
    public static MovableAntennaConfig preset(String id) {
        return switch (id) {
            case TINY -> new MovableAntennaConfig(2, 2, 1.0, 5, 0.5, 10, -40, 2.8, 20, 100, -80, 20);
            case DEFAULT -> new MovableAntennaConfig(4, 4, 2.0, 9, 0.5, 10, -40, 2.8, 20, 100, -80, 20);
            default -> throw new InvalidConfigurationException("unknown movable-antenna preset '" + id
                    + "'; presets: " + TINY + ", " + DEFAULT);
        };
    }

    /** This configuration with some parameters replaced (keys are the component names). */
    public MovableAntennaConfig with(Map<String, String> overrides) {
        return ConfigRecords.override(FAMILY, this, overrides);
    }

    /** Q = G². */
    public int candidateCount() {
        return gridPoints * gridPoints;
    }

    /** Grid spacing A_s/(G−1) [λ]. */
    public double spacing() {
        return areaSide / (gridPoints - 1);
    }
}
