package org.alloc4j.training.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class SharedBaselineTest {

    @Test
    void eachRowGetsTheMeanOfTheOtherRowsOfItsGroup() {
        float[] b = Trainer.leaveOneOutMeans(new float[] {1, 2, 3, 10, 10, 10}, 3);
        assertThat(b).containsExactly(new float[] {2.5f, 2f, 1.5f, 10f, 10f, 10f}, within(1e-6f));
    }

    @Test
    void theAdvantagesOfEveryGroupSumToZeroAndDoNotDependOnTheRowsOwnReward() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(5L);
        for (int samples = 2; samples <= 8; samples++) {
            float[] v = new float[samples * 7];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (10 * rng.nextDouble());
            }
            float[] b = Trainer.leaveOneOutMeans(v, samples);
            for (int g = 0; g < v.length; g += samples) {
                double sum = 0;
                for (int r = g; r < g + samples; r++) {
                    sum += v[r] - b[r];
                }
                assertThat(sum).as("group at %d, S = %d", g, samples).isCloseTo(0, within(1e-4));
            }
            float[] changed = v.clone();
            changed[0] += 100;
            assertThat(Trainer.leaveOneOutMeans(changed, samples)[0]).as("own reward changed").isEqualTo(b[0]);
        }
    }

    @Test
    void groupsMustHaveAtLeastTwoRowsAndDivideTheBatch() {
        assertThatThrownBy(() -> Trainer.leaveOneOutMeans(new float[4], 1)).hasMessageContaining("at least 2");
        assertThatThrownBy(() -> Trainer.leaveOneOutMeans(new float[6], 4)).hasMessageContaining("got 4");
    }
}
