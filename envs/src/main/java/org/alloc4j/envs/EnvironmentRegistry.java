package org.alloc4j.envs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * All environment presets on the class path: the built-in ones and those of every
 * {@link EnvironmentProvider} registered through {@link ServiceLoader}.
 */
public final class EnvironmentRegistry {
    private final Map<String, EnvironmentPreset> presets;

    private EnvironmentRegistry(Map<String, EnvironmentPreset> presets) {
        this.presets = presets;
    }

    /** Loads every provider visible to this class's class loader. */
    public static EnvironmentRegistry load() {
        return of(ServiceLoader.load(EnvironmentProvider.class, EnvironmentRegistry.class.getClassLoader()));
    }

    /**
     * A registry of the given providers.
     *
     * @throws IllegalStateException if two presets share an id
     */
    public static EnvironmentRegistry of(Iterable<? extends EnvironmentProvider> providers) {
        Map<String, EnvironmentPreset> map = new LinkedHashMap<>();
        for (EnvironmentProvider p : providers) {
            for (EnvironmentPreset preset : p.presets()) {
                EnvironmentPreset old = map.putIfAbsent(preset.id(), preset);
                if (old != null) {
                    throw new IllegalStateException("environment id " + preset.id() + " is registered twice (by "
                            + p.getClass().getName() + " and another provider)");
                }
            }
        }
        return new EnvironmentRegistry(Collections.unmodifiableMap(map));
    }

    /** Every preset, in registration order. */
    public List<EnvironmentPreset> presets() {
        return new ArrayList<>(presets.values());
    }

    public List<String> ids() {
        return new ArrayList<>(presets.keySet());
    }

    /**
     * The preset with this id.
     *
     * @throws InvalidConfigurationException if no preset has it; the message lists the known ids
     */
    public EnvironmentPreset preset(String id) {
        EnvironmentPreset p = presets.get(id);
        if (p == null) {
            throw new InvalidConfigurationException("unknown environment id '" + id + "'; registered: "
                    + String.join(", ", presets.keySet()));
        }
        return p;
    }

    public Environment<?> create(String id) {
        return preset(id).create();
    }

    public Environment<?> create(String id, Map<String, String> overrides) {
        return preset(id).create(overrides);
    }
}
