package org.alloc4j.envs;

import java.util.List;
import org.alloc4j.envs.cellfree.CellFreeConfig;
import org.alloc4j.envs.cellfree.CellFreeEnv;
import org.alloc4j.envs.movable.MovableAntennaConfig;
import org.alloc4j.envs.movable.MovableAntennaEnv;

/** The environments that ship with alloc4j (SPEC §2–3). */
public final class BuiltInEnvironments implements EnvironmentProvider {

    @Override
    public List<EnvironmentPreset> presets() {
        return List.of(
                cellFree(CellFreeConfig.TINY, "cell-free, M=3 APs x N=2, K=3 UEs; exhaustive optimum reachable"),
                cellFree(CellFreeConfig.DEFAULT, "cell-free, M=8 APs x N=2, K=6 UEs; main benchmark"),
                cellFree(CellFreeConfig.LARGE, "cell-free, M=16 APs x N=4, K=12 UEs; scale and size generalisation"),
                movable(MovableAntennaConfig.TINY, "movable antennas, N=2 on 5x5 CPs over 1 wavelength, K=2 UEs"),
                movable(MovableAntennaConfig.DEFAULT, "movable antennas, N=4 on 9x9 CPs over 2 wavelengths, K=4 UEs"));
    }

    private static EnvironmentPreset cellFree(String id, String description) {
        CellFreeConfig base = CellFreeConfig.preset(id);
        return new EnvironmentPreset(id, description, ConfigRecords.toMap(base),
                overrides -> new CellFreeEnv(base.with(overrides)));
    }

    private static EnvironmentPreset movable(String id, String description) {
        MovableAntennaConfig base = MovableAntennaConfig.preset(id);
        return new EnvironmentPreset(id, description, ConfigRecords.toMap(base),
                overrides -> new MovableAntennaEnv(base.with(overrides)));
    }
}
