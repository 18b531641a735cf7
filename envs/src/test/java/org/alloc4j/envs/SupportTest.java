package org.alloc4j.envs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SupportTest {
    @Test
    void keepsMembersSortedAndRejectsDuplicatesAndNegatives() {
        Support s = Support.of(5, 1, 3);
        assertThat(s.toArray()).containsExactly(1, 3, 5);
        assertThat(s.rankOf(3)).isEqualTo(1);
        assertThat(s.rankOf(4)).isEqualTo(-1);
        assertThat(s.with(0).toArray()).containsExactly(0, 1, 3, 5);
        assertThat(Support.fromIndicator(s.toIndicator(6))).isEqualTo(s);
        assertThatThrownBy(() -> Support.of(1, 1)).hasMessageContaining("twice");
        assertThatThrownBy(() -> Support.of(-1)).hasMessageContaining("negative");
    }
}
