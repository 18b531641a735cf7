package org.alloc4j.envs.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.alloc4j.envs.EnvironmentPreset;
import org.alloc4j.envs.EnvironmentProvider;
import org.alloc4j.envs.InvalidConfigurationException;

/** Registers {@link ToyCardinalityEnv} through ServiceLoader, the way a user registers an environment. */
public final class ToyEnvironmentProvider implements EnvironmentProvider {
    @Override
    public List<EnvironmentPreset> presets() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("items", "6");
        defaults.put("limit", "3");
        return List.of(new EnvironmentPreset(ToyCardinalityEnv.ID, "toy: pick at most limit of items", defaults, o -> {
            Map<String, String> p = new LinkedHashMap<>(defaults);
            for (String k : o.keySet()) {
                if (!defaults.containsKey(k)) {
                    throw new InvalidConfigurationException(ToyCardinalityEnv.ID + ": unknown parameter '" + k + "'");
                }
            }
            p.putAll(o);
            return new ToyCardinalityEnv(Integer.parseInt(p.get("items")), Integer.parseInt(p.get("limit")), false);
        }));
    }
}
