package org.alloc4j.envs.cellfree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.alloc4j.envs.Solution;
import org.alloc4j.envs.Support;
import org.alloc4j.envs.math.ComplexArray;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class CellFreeSumRateTest {

    @Test
    void singleUserSingleApWithMaximumRatioReachesTheCapacity() {
        CellFreeEnv env = new CellFreeEnv(CellFreeConfig.preset(CellFreeConfig.TINY)
                .with(Map.of("aps", "1", "users", "1", "antennasPerAp", "3")));
        double[] re = {0.3, -1.2, 0.7};
        double[] im = {0.9, 0.4, -0.5};
        double p = 2.5;
        CellFreeInstance inst = CellFreeInstance.fromChannels(1, 1, 3, re, im, 1e-12, p);
        double norm2 = 0;
        for (int n = 0; n < 3; n++) {
            norm2 += re[n] * re[n] + im[n] * im[n];
        }
        ComplexArray w = ComplexArray.zeros(1, 1, 3);
        double scale = Math.sqrt(p / norm2);
        for (int n = 0; n < 3; n++) {
            w.set(n, re[n] * scale, im[n] * scale);
        }
        double rate = env.sumRate(inst, new Solution(Support.of(0), w));
        assertThat(rate).isCloseTo(Math.log(1 + norm2 * p) / Math.log(2), within(1e-12));
    }

    @Test
    void singleUserServedByTwoApsReachesTheJointClosedForm() {
        // baselines.md O2: h_1 = [1, 0], h_2 = [0, 2], P = (1, 4)... here one budget for both APs: P = 4
        CellFreeEnv env = new CellFreeEnv(CellFreeConfig.preset(CellFreeConfig.TINY).with(Map.of("aps", "2", "users", "1")));
        CellFreeInstance inst = CellFreeInstance.fromChannels(2, 1, 2, new double[] {1, 0, 0, 2}, new double[4], 1e-12, 4);
        ComplexArray w = ComplexArray.zeros(2, 1, 2);
        w.set(w.index(0, 0, 0), 2, 0); // sqrt(P) h_1/|h_1|
        w.set(w.index(1, 0, 1), 2, 0); // sqrt(P) h_2/|h_2|
        double rate = env.sumRate(inst, new Solution(Support.of(0, 1), w));
        // (Σ_m sqrt(P)|h_m|)² = (2·1 + 2·2)² = 36
        assertThat(rate).isCloseTo(Math.log(37) / Math.log(2), within(1e-12));
    }

    @Test
    void emptySupportWithZeroBeamformerHasZeroRate() {
        CellFreeEnv env = CellFreeEnv.preset(CellFreeConfig.DEFAULT);
        CellFreeInstance inst = env.sample(RandomSource.XO_RO_SHI_RO_128_PP.create(5L));
        assertThat(env.sumRate(inst, new Solution(Support.empty(), env.zeroBeamformer(inst, Support.empty())))).isZero();
    }

    @Test
    void permutingUsersInChannelsAndBeamformersLeavesTheRateUnchanged() {
        CellFreeEnv env = CellFreeEnv.preset(CellFreeConfig.DEFAULT);
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(6L);
        int[] perm = {3, 0, 5, 1, 4, 2};
        for (int trial = 0; trial < 20; trial++) {
            CellFreeInstance inst = env.sample(rng);
            int m = inst.aps();
            int k = inst.users();
            int n = inst.antennas();
            ComplexArray w = ComplexArray.zeros(m, k, n);
            for (int i = 0; i < w.size(); i++) {
                w.set(i, rng.nextDouble() - 0.5, rng.nextDouble() - 0.5);
            }
            double[] re = new double[m * k * n];
            double[] im = new double[m * k * n];
            ComplexArray wp = ComplexArray.zeros(m, k, n);
            for (int a = 0; a < m; a++) {
                for (int u = 0; u < k; u++) {
                    for (int i = 0; i < n; i++) {
                        int to = inst.index(a, perm[u], i);
                        re[to] = inst.re(a, u, i);
                        im[to] = inst.im(a, u, i);
                        int from = w.index(a, u, i);
                        wp.set(to, w.re(from), w.im(from));
                    }
                }
            }
            CellFreeInstance permuted = CellFreeInstance.fromChannels(m, k, n, re, im, inst.noiseW(), inst.powerW());
            Support all = Support.of(java.util.stream.IntStream.range(0, m * k).toArray());
            double r1 = env.sumRate(inst, new Solution(all, w));
            double r2 = env.sumRate(permuted, new Solution(all, wp));
            assertThat(r2).isCloseTo(r1, within(1e-9 * Math.max(1, r1)));
        }
    }

    @Test
    void interferenceLowersTheRateBelowTheInterferenceFreeValue() {
        // two UEs on orthogonal channels vs the same channels: hand-computed SINRs
        CellFreeEnv env = new CellFreeEnv(CellFreeConfig.preset(CellFreeConfig.TINY).with(Map.of("aps", "1", "users", "2")));
        CellFreeInstance inst = CellFreeInstance.fromChannels(1, 2, 2, new double[] {1, 0, 1, 1}, new double[4], 1e-12, 10);
        ComplexArray w = ComplexArray.zeros(1, 2, 2);
        w.set(w.index(0, 0, 0), 1, 0); // w_0 = [1, 0]
        w.set(w.index(0, 1, 1), 2, 0); // w_1 = [0, 2]
        // g_00 = 1, g_01 = 0, g_10 = 1, g_11 = 2: SINR_0 = 1/1, SINR_1 = 4/(1+1)
        double expected = (Math.log(2) + Math.log(3)) / Math.log(2);
        assertThat(env.sumRate(inst, new Solution(Support.of(0, 1), w))).isCloseTo(expected, within(1e-12));
    }
}
