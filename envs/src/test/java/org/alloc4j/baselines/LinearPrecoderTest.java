package org.alloc4j.baselines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.IntStream;
import org.alloc4j.envs.Support;
import org.alloc4j.envs.cellfree.CellFreeConfig;
import org.alloc4j.envs.cellfree.CellFreeEnv;
import org.alloc4j.envs.cellfree.CellFreeInstance;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class LinearPrecoderTest {
    private final CellFreeEnv tiny = CellFreeEnv.preset(CellFreeConfig.TINY); // N=2, K=3, M_max=2

    @Test
    void zeroForcingNullsInterferenceAtUsersWithEnoughServingAntennas() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(4L);
        int checked = 0;
        for (int trial = 0; trial < 50; trial++) {
            CellFreeInstance inst = tiny.sample(rng);
            Support a = new GreedyAssociation(tiny.config()).select(inst).support();
            DownlinkProblem p = DownlinkProblem.of(inst, a);
            double[] re = new double[p.blocks() * p.users() * p.antennas()];
            double[] im = new double[re.length];
            JointLinearPrecoder.zeroForcing().precode(p, re, im);
            double[] gRe = new double[9];
            double[] gIm = new double[9];
            p.effectiveChannels(re, im, gRe, gIm);
            for (int k = 0; k < 3; k++) {
                final int user = k;
                long servingAps = IntStream.range(0, 3).filter(m -> p.served(m, user)).count();
                if (servingAps * p.antennas() < p.users()) {
                    continue;
                }
                double wNorm = 0;
                for (int i = 0; i < re.length; i++) {
                    if ((i / p.antennas()) % p.users() == k) {
                        wNorm += re[i] * re[i] + im[i] * im[i];
                    }
                }
                for (int j = 0; j < 3; j++) {
                    if (j != k) {
                        double leak = Math.hypot(gRe[j * 3 + k], gIm[j * 3 + k]);
                        double hNorm = 0;
                        for (int m = 0; m < 3; m++) {
                            hNorm += p.gain(m, j);
                        }
                        assertThat(leak).as("UE %d's beam at UE %d", k, j).isLessThanOrEqualTo(1e-10 * Math.sqrt(hNorm * wNorm));
                        checked++;
                    }
                }
            }
            double maxRatio = 0;
            for (int m = 0; m < 3; m++) {
                double ratio = p.blockPower(m, re, im) / p.budget(m);
                assertThat(ratio).isLessThanOrEqualTo(1 + 1e-12);
                maxRatio = Math.max(maxRatio, ratio);
            }
            assertThat(maxRatio).as("the tightest AP is at its budget").isCloseTo(1.0, within(1e-12));
        }
        assertThat(checked).as("pairs checked").isGreaterThan(50);
    }

    @Test
    void localPrecodersUseEachApsWholeBudgetAndAddInPhase() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(5L);
        CellFreeEnv env = CellFreeEnv.preset(CellFreeConfig.DEFAULT);
        for (int trial = 0; trial < 20; trial++) {
            CellFreeInstance inst = env.sample(rng);
            Support a = new GreedyAssociation(env.config()).select(inst).support();
            DownlinkProblem p = DownlinkProblem.of(inst, a);
            for (Precoder pre : new Precoder[] {LocalPrecoder.partialRzf(), LocalPrecoder.equalWeightStructure(), new MaximumRatio()}) {
                double[] re = new double[p.blocks() * p.users() * p.antennas()];
                double[] im = new double[re.length];
                pre.precode(p, re, im);
                for (int m = 0; m < p.blocks(); m++) {
                    double expected = p.load(m) > 0 ? p.budget(m) : 0;
                    assertThat(p.blockPower(m, re, im)).as(pre.name() + " AP " + m).isCloseTo(expected, within(1e-12 * p.budget(m)));
                }
                if (pre.name().equals("przf")) {
                    // h_mkᴴ w_mk is real and positive for every served link
                    for (int m = 0; m < p.blocks(); m++) {
                        for (int k = 0; k < p.users(); k++) {
                            if (p.served(m, k)) {
                                double gr = 0;
                                double gi = 0;
                                for (int n = 0; n < p.antennas(); n++) {
                                    int i = p.index(m, k, n);
                                    gr += p.re(m, k, n) * re[i] + p.im(m, k, n) * im[i];
                                    gi += p.re(m, k, n) * im[i] - p.im(m, k, n) * re[i];
                                }
                                assertThat(gr).isPositive();
                                assertThat(gi).isCloseTo(0, within(1e-9 * gr));
                            }
                        }
                    }
                }
            }
        }
    }
}
