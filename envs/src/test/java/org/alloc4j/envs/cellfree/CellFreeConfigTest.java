package org.alloc4j.envs.cellfree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.alloc4j.envs.InvalidConfigurationException;
import org.junit.jupiter.api.Test;

class CellFreeConfigTest {
    private final CellFreeConfig base = CellFreeConfig.preset(CellFreeConfig.DEFAULT);

    @Test
    void presetsHaveTheSpecSizes() {
        assertThat(CellFreeConfig.preset(CellFreeConfig.TINY)).extracting("aps", "antennasPerAp", "users", "maxUsersPerAp",
                "maxApsPerUser", "sideM").containsExactly(3, 2, 3, 2, 2, 200.0);
        assertThat(base).extracting("aps", "antennasPerAp", "users", "maxUsersPerAp", "maxApsPerUser", "sideM")
                .containsExactly(8, 2, 6, 2, 3, 400.0);
        assertThat(CellFreeConfig.preset(CellFreeConfig.LARGE)).extracting("aps", "antennasPerAp", "users",
                "maxUsersPerAp", "maxApsPerUser", "sideM").containsExactly(16, 4, 12, 3, 4, 600.0);
        assertThat(CellFreeConfig.preset(CellFreeConfig.TINY).maxSupportSize()).isEqualTo(6);
        assertThat(base.maxSupportSize()).isEqualTo(16);
        assertThat(CellFreeConfig.preset(CellFreeConfig.LARGE).maxSupportSize()).isEqualTo(48);
    }

    @Test
    void everyParameterCanBeOverridden() {
        CellFreeConfig c = base.with(Map.of("users", "8", "maxUsersPerAp", "3", "powerDbm", "5", "noisePowerDbm", "-90",
                "shadowingStdDb", "8", "pathLossSlopeDb", "35", "sideM", "500"));
        assertThat(c.users()).isEqualTo(8);
        assertThat(c.maxUsersPerAp()).isEqualTo(3);
        assertThat(c.powerDbm()).isEqualTo(5.0);
        assertThat(c.noisePowerDbm()).isEqualTo(-90.0);
        assertThat(c.aps()).isEqualTo(8);
    }

    @Test
    void nonPositiveSizesAreRejectedNamingTheFieldAndRange() {
        assertThatThrownBy(() -> base.with(Map.of("users", "0"))).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("users = 0").hasMessageContaining("[1, 1024]");
        assertThatThrownBy(() -> base.with(Map.of("aps", "-2"))).hasMessageContaining("aps = -2");
        assertThatThrownBy(() -> base.with(Map.of("maxUsersPerAp", "0"))).hasMessageContaining("maxUsersPerAp = 0")
                .hasMessageContaining("integer in [1,");
    }

    @Test
    void powerOutsideMinusFiftyToSixtyDbmIsRejected() {
        assertThatThrownBy(() -> base.with(Map.of("powerDbm", "61"))).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("powerDbm = 61.0").hasMessageContaining("[-50.0, 60.0]");
        assertThatThrownBy(() -> base.with(Map.of("powerDbm", "-51"))).hasMessageContaining("powerDbm = -51.0");
    }

    @Test
    void nanAndUnparsableValuesAreRejected() {
        assertThatThrownBy(() -> base.with(Map.of("sideM", "NaN"))).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("sideM = NaN");
        assertThatThrownBy(() -> base.with(Map.of("users", "six"))).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("users = 'six'").hasMessageContaining("int");
    }

    @Test
    void unknownParameterIsRejectedListingTheKnownOnes() {
        assertThatThrownBy(() -> base.with(Map.of("userz", "3"))).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("unknown parameter 'userz'").hasMessageContaining("users");
    }

    @Test
    void unknownPresetIsRejected() {
        assertThatThrownBy(() -> CellFreeConfig.preset("cell-free-v9")).hasMessageContaining("cell-free-tiny-v1");
    }
}
