package org.alloc4j.envs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.alloc4j.envs.cellfree.CellFreeEnv;
import org.alloc4j.envs.testing.ToyCardinalityEnv;
import org.junit.jupiter.api.Test;

class EnvironmentRegistryTest {
    private final EnvironmentRegistry registry = EnvironmentRegistry.load();

    @Test
    void listsEveryBuiltInPresetWithItsParameters() {
        assertThat(registry.ids()).contains("cell-free-tiny-v1", "cell-free-v1", "cell-free-large-v1",
                "movable-antenna-tiny-v1", "movable-antenna-v1");
        assertThat(registry.preset("cell-free-v1").defaults()).containsEntry("aps", "8").containsEntry("users", "6")
                .containsEntry("powerDbm", "20.0");
        assertThat(registry.preset("movable-antenna-v1").defaults()).containsEntry("gridPoints", "9");
    }

    @Test
    void findsAUserEnvironmentRegisteredThroughServiceLoader() {
        assertThat(registry.ids()).contains(ToyCardinalityEnv.ID);
        Environment<?> env = registry.create(ToyCardinalityEnv.ID, Map.of("items", "9"));
        assertThat(env.candidateCount()).isEqualTo(9);
        assertThat(EnvironmentChecker.check(env, 1L, 5, 20).passed()).isTrue();
    }

    @Test
    void checkerPassesOnEveryRegisteredEnvironment() {
        for (EnvironmentPreset p : registry.presets()) {
            EnvironmentChecker.Report r = EnvironmentChecker.check(p.create(), 42L, 3, 10);
            assertThat(r.passed()).as(p.id() + ": " + r).isTrue();
        }
    }

    @Test
    void createsWithOverridesAndRejectsUnknownIdsAndKeys() {
        Environment<?> env = registry.create("cell-free-v1", Map.of("users", "4"));
        assertThat(((CellFreeEnv) env).config().users()).isEqualTo(4);
        assertThatThrownBy(() -> registry.create("cell-free-v7")).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("unknown environment id 'cell-free-v7'").hasMessageContaining("cell-free-v1");
        assertThatThrownBy(() -> registry.create("cell-free-v1", Map.of("Users", "4")))
                .hasMessageContaining("unknown parameter 'Users'");
    }

    @Test
    void duplicateIdsAreRefused() {
        EnvironmentProvider p = new BuiltInEnvironments();
        assertThatThrownBy(() -> EnvironmentRegistry.of(List.of(p, p))).hasMessageContaining("registered twice");
    }
}
