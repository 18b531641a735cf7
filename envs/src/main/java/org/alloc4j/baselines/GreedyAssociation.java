package org.alloc4j.baselines;

import java.util.Arrays;
import java.util.Comparator;
import org.alloc4j.envs.Support;
import org.alloc4j.envs.cellfree.CellFreeConfig;
import org.alloc4j.envs.cellfree.CellFreeInstance;

/**
 * Greedy UE–AP association (baselines.md §3.1, after the source paper's ref. [6]): UEs in index order
 * each take their M_max strongest APs among those that still serve fewer than K_max UEs; ties go to
 * the lower AP index. "Strongest" is the large-scale gain β_mk by default (what a network knows
 * before fast fading), or the instantaneous ‖h_mk‖². The result is always maximal: a UE skips an AP
 * only when that AP is full.
 */
public final class GreedyAssociation implements SupportSelector<CellFreeInstance> {

    /** Which gain ranks the APs of a UE. */
    public enum Gain { LARGE_SCALE, INSTANTANEOUS }

    private final CellFreeConfig config;
    private final Gain gain;

    public GreedyAssociation(CellFreeConfig config, Gain gain) {
        this.config = config;
        this.gain = gain;
    }

    public GreedyAssociation(CellFreeConfig config) {
        this(config, Gain.LARGE_SCALE);
    }

    @Override
    public String name() {
        return "greedy";
    }

    @Override
    public Choice select(CellFreeInstance inst) {
        int aps = inst.aps();
        int users = inst.users();
        int[] load = new int[aps];
        boolean[] chosen = new boolean[aps * users];
        Integer[] order = new Integer[aps];
        for (int k = 0; k < users; k++) {
            final int user = k;
            for (int m = 0; m < aps; m++) {
                order[m] = m;
            }
            Arrays.sort(order, Comparator.comparingDouble((Integer m) -> -strength(inst, m, user)).thenComparing(m -> m));
            int taken = 0;
            for (int i = 0; i < aps && taken < config.maxApsPerUser(); i++) {
                int m = order[i];
                if (load[m] < config.maxUsersPerAp()) {
                    load[m]++;
                    chosen[m * users + k] = true;
                    taken++;
                }
            }
        }
        return Choice.of(Support.fromIndicator(chosen));
    }

    private double strength(CellFreeInstance inst, int m, int k) {
        return gain == Gain.LARGE_SCALE ? inst.largeScaleGain(m, k) : inst.channelGain(m, k);
    }
}
