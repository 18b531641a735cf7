package org.alloc4j.envs;

import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A named, versioned environment configuration that a registry can list and build.
 *
 * @param id          versioned id, for example {@code cell-free-tiny-v1}
 * @param description one line for listings
 * @param defaults    every parameter with its default value, in a stable order
 * @param factory     builds the environment from parameter overrides (keys as in {@code defaults});
 *                    must reject unknown keys and invalid values with {@link InvalidConfigurationException}
 */
public record EnvironmentPreset(String id, String description, Map<String, String> defaults,
                                Function<Map<String, String>, Environment<?>> factory) {
    public EnvironmentPreset {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(factory, "factory");
        defaults = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(defaults));
    }

    /** The environment with default parameters. */
    public Environment<?> create() {
        return factory.apply(Map.of());
    }

    /** The environment with some parameters overridden. */
    public Environment<?> create(Map<String, String> overrides) {
        return factory.apply(overrides);
    }
}
