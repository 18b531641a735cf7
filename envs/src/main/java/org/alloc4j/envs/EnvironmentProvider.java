package org.alloc4j.envs;

import java.util.List;

/**
 * A source of environment presets, found with {@link java.util.ServiceLoader}. To plug in your own
 * environment, implement this interface and list the class in
 * {@code META-INF/services/org.alloc4j.envs.EnvironmentProvider}.
 */
public interface EnvironmentProvider {
    List<EnvironmentPreset> presets();
}
