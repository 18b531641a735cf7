package org.alloc4j.envs.cellfree;

import static org.alloc4j.envs.Check.finiteAbove;
import static org.alloc4j.envs.Check.finiteIn;
import static org.alloc4j.envs.Check.intIn;

import java.util.Map;
import org.alloc4j.envs.ConfigRecords;
import org.alloc4j.envs.InvalidConfigurationException;

/**
 * Parameters of the cell-free user-association and beamforming environment (SPEC §2).
 *
 * @param aps                   M, number of access points
 * @param antennasPerAp         N, antennas per AP
 * @param users                 K, single-antenna users
 * @param maxUsersPerAp         K_max, constraint (5)
 * @param maxApsPerUser         M_max, constraint (6)
 * @param sideM                 side of the square in which APs and UEs are dropped uniformly [m]
 * @param heightDifferenceM     AP–UE height difference in the 3-D distance [m]
 * @param pathLossAt1mDb        large-scale gain at 1 m [dB] (−30.5)
 * @param pathLossSlopeDb       path-loss slope [dB per decade of distance] (36.7)
 * @param shadowingStdDb        standard deviation of log-normal shadowing [dB] (4)
 * @param noisePowerDbm         noise power σ² [dBm] (−94: 20 MHz, 7 dB noise figure)
 * @param powerDbm              per-AP power budget P_max [dBm], in [−50, 60]
 */
public record CellFreeConfig(
        int aps,
        int antennasPerAp,
        int users,
        int maxUsersPerAp,
        int maxApsPerUser,
        double sideM,
        double heightDifferenceM,
        double pathLossAt1mDb,
        double pathLossSlopeDb,
        double shadowingStdDb,
        double noisePowerDbm,
        double powerDbm) {

    /** The family id shared by all presets. */
    public static final String FAMILY = "cell-free-v1";
    public static final String TINY = "cell-free-tiny-v1";
    public static final String DEFAULT = "cell-free-v1";
    public static final String LARGE = "cell-free-large-v1";

    public CellFreeConfig {
        intIn(FAMILY, "aps", aps, 1, 1024);
        intIn(FAMILY, "antennasPerAp", antennasPerAp, 1, 256);
        intIn(FAMILY, "users", users, 1, 1024);
        intIn(FAMILY, "maxUsersPerAp", maxUsersPerAp, 1, 1024);
        intIn(FAMILY, "maxApsPerUser", maxApsPerUser, 1, 1024);
        finiteAbove(FAMILY, "sideM", sideM, 0, 1e6);
        // a positive height keeps every AP-UE distance, hence every gain, finite
        finiteAbove(FAMILY, "heightDifferenceM", heightDifferenceM, 0, 1e4);
        finiteIn(FAMILY, "pathLossAt1mDb", pathLossAt1mDb, -300, 100);
        finiteAbove(FAMILY, "pathLossSlopeDb", pathLossSlopeDb, 0, 200);
        finiteIn(FAMILY, "shadowingStdDb", shadowingStdDb, 0, 40);
        finiteIn(FAMILY, "noisePowerDbm", noisePowerDbm, -250, 60);
        finiteIn(FAMILY, "powerDbm", powerDbm, -50, 60);
    }

    /** A preset by id: {@value #TINY}, {@value #DEFAULT} or {@value #LARGE}. */
    public static CellFreeConfig preset(String id) {
        return switch (id) {
            case TINY -> new CellFreeConfig(3, 2, 3, 2, 2, 200, 10, -30.5, 36.7, 4, -94, 20);
            case DEFAULT -> new CellFreeConfig(8, 2, 6, 2, 3, 400, 10, -30.5, 36.7, 4, -94, 20);
            case LARGE -> new CellFreeConfig(16, 4, 12, 3, 4, 600, 10, -30.5, 36.7, 4, -94, 20);
            default -> throw new InvalidConfigurationException("unknown cell-free preset '" + id
                    + "'; presets: " + TINY + ", " + DEFAULT + ", " + LARGE);
        };
    }

    /** This configuration with some parameters replaced (keys are the component names). */
    public CellFreeConfig with(Map<String, String> overrides) {
        return ConfigRecords.override(FAMILY, this, overrides);
    }

    /** Number of candidates M·K (links). */
    public int candidateCount() {
        return aps * users;
    }

    /** Bound on |A|: min(M·K_max, K·M_max), further capped by M·K. */
    public int maxSupportSize() {
        return Math.min(aps * users, Math.min(aps * maxUsersPerAp, users * maxApsPerUser));
    }
}
