package org.alloc4j.envs.testing;

import java.util.Map;
import org.alloc4j.envs.cellfree.CellFreeConfig;
import org.alloc4j.envs.cellfree.CellFreeEnv;
import org.alloc4j.envs.cellfree.CellFreeInstance;

/** Hand-made instances for tests, including adversarial ones (identical UEs, co-located APs). */
public final class Fixtures {
    private Fixtures() {
    }

    /**
     * The "non-SPSD" environment: one single-antenna AP that can serve only one of two UEs
     * (K_max = 1). Use with {@link #identicalUsers}.
     */
    public static CellFreeEnv oneApOneSlotTwoUsers() {
        return new CellFreeEnv(CellFreeConfig.preset(CellFreeConfig.TINY).with(Map.of(
                "aps", "1", "antennasPerAp", "1", "users", "2", "maxUsersPerAp", "1", "maxApsPerUser", "1")));
    }

    /** Two UEs with the identical channel h = (re + j·im) from a single-antenna AP (noise-normalised). */
    public static CellFreeInstance identicalUsers(double re, double im, double powerW) {
        return CellFreeInstance.fromChannels(1, 2, 1, new double[] {re, re}, new double[] {im, im}, 1e-12, powerW);
    }

    /** A copy of {@code instance} in which UE {@code copy} has exactly the channels of UE {@code source}. */
    public static CellFreeInstance withIdenticalUsers(CellFreeInstance instance, int source, int copy) {
        int m = instance.aps();
        int k = instance.users();
        int n = instance.antennas();
        double[] re = new double[m * k * n];
        double[] im = new double[m * k * n];
        for (int a = 0; a < m; a++) {
            for (int u = 0; u < k; u++) {
                int from = u == copy ? source : u;
                for (int i = 0; i < n; i++) {
                    re[instance.index(a, u, i)] = instance.re(a, from, i);
                    im[instance.index(a, u, i)] = instance.im(a, from, i);
                }
            }
        }
        return CellFreeInstance.fromChannels(m, k, n, re, im, instance.noiseW(), instance.powerW());
    }

    /** A copy of {@code instance} in which AP {@code copy} has exactly the channels of AP {@code source}. */
    public static CellFreeInstance withColocatedAps(CellFreeInstance instance, int source, int copy) {
        int m = instance.aps();
        int k = instance.users();
        int n = instance.antennas();
        double[] re = new double[m * k * n];
        double[] im = new double[m * k * n];
        for (int a = 0; a < m; a++) {
            int from = a == copy ? source : a;
            for (int u = 0; u < k; u++) {
                for (int i = 0; i < n; i++) {
                    re[instance.index(a, u, i)] = instance.re(from, u, i);
                    im[instance.index(a, u, i)] = instance.im(from, u, i);
                }
            }
        }
        return CellFreeInstance.fromChannels(m, k, n, re, im, instance.noiseW(), instance.powerW());
    }
}
