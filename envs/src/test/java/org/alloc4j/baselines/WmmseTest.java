package org.alloc4j.baselines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.alloc4j.envs.Solution;
import org.alloc4j.envs.Support;
import org.alloc4j.envs.cellfree.CellFreeConfig;
import org.alloc4j.envs.cellfree.CellFreeEnv;
import org.alloc4j.envs.cellfree.CellFreeInstance;
import org.alloc4j.envs.math.ComplexArray;
import org.alloc4j.envs.movable.MovableAntennaConfig;
import org.alloc4j.envs.movable.MovableAntennaEnv;
import org.alloc4j.envs.movable.MovableAntennaInstance;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class WmmseTest {
    private static final double LOG2 = Math.log(2);

    @Test
    void perApWmmseNeverLowersTheSumRateAndMeetsEveryBudget() {
        CellFreeEnv env = CellFreeEnv.preset(CellFreeConfig.DEFAULT);
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(1L);
        GreedyAssociation greedy = new GreedyAssociation(env.config());
        for (double dbm : new double[] {0, 20, 30}) {
            for (int trial = 0; trial < 15; trial++) {
                CellFreeInstance inst = env.sample(rng).withPowerDbm(dbm);
                Support a = trial % 3 == 0 ? new RandomFeasible<>(env, rng).select(inst).support() : greedy.select(inst).support();
                DownlinkProblem p = DownlinkProblem.of(inst, a);
                assertMonotoneAndWithinBudget(p, new Wmmse(new Wmmse.Options(1e-9, 400, false, 0), null));
            }
        }
    }

    /**
     * The multiplier search meets a binding budget to 1e-12 wherever it starts: from the top of its bracket,
     * from the last sweep's μ nearby (the warm start of WMMSE's sweeps), and from guesses outside the bracket.
     */
    @Test
    void theMultiplierMeetsTheBudgetFromAnyStart() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(9L);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + rng.nextInt(8);
            double[] phi = new double[n];
            double[] lambda = new double[n];
            double phiTotal = 0;
            for (int i = 0; i < n; i++) {
                phi[i] = Math.pow(10, 4 * rng.nextDouble() - 2);
                lambda[i] = rng.nextInt(4) == 0 ? 0 : Math.pow(10, 6 * rng.nextDouble() - 3);
                phiTotal += phi[i];
            }
            double powerAtZero = 0;                                  // P(0): WMMSE searches only when it exceeds the budget
            for (int i = 0; i < n; i++) {
                powerAtZero += phi[i] / (lambda[i] * lambda[i]);
            }
            double budget = Math.min(Math.pow(10, 4 * rng.nextDouble() - 2), powerAtZero * (0.01 + 0.9 * rng.nextDouble()));
            double hi = Math.sqrt(phiTotal / budget);
            double cold = Wmmse.multiplier(phi, lambda, budget, hi, 0);
            for (double guess : new double[] {cold * (1 + 1e-3), cold * 0.5, cold * 2, hi * 3, -1, hi}) {
                double mu = Wmmse.multiplier(phi, lambda, budget, hi, guess);
                double power = 0;
                for (int i = 0; i < n; i++) {
                    power += phi[i] / ((lambda[i] + mu) * (lambda[i] + mu));
                }
                assertThat(mu).as("trial %d, guess %s", trial, guess).isPositive().isLessThanOrEqualTo(hi);
                if (mu < hi) {
                    assertThat(Math.abs(power - budget)).as("trial %d, guess %s", trial, guess).isLessThanOrEqualTo(1e-12 * budget);
                }
                assertThat(mu).as("trial %d, guess %s", trial, guess).isCloseTo(cold, within(1e-9 * cold));
            }
        }
    }

    @Test
    void totalPowerWmmseNeverLowersTheSumRateAndUsesTheWholeBudget() {
        MovableAntennaEnv env = MovableAntennaEnv.preset(MovableAntennaConfig.DEFAULT);
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(2L);
        for (int trial = 0; trial < 20; trial++) {
            MovableAntennaInstance inst = env.sample(rng).withPowerDbm(10 + trial);
            Support a = new RandomFeasible<>(env, rng).select(inst).support();
            DownlinkProblem p = DownlinkProblem.of(inst, a);
            Wmmse.Result r = assertMonotoneAndWithinBudget(p, new Wmmse(new Wmmse.Options(1e-9, 400, false, 0), null));
            assertThat(r.multipliers()[0]).as("total power binds for K = N = 4").isPositive();
        }
    }

    private static Wmmse.Result assertMonotoneAndWithinBudget(DownlinkProblem p, Wmmse wmmse) {
        int size = p.blocks() * p.users() * p.antennas();
        double[] re = new double[size];
        double[] im = new double[size];
        new MaximumRatio().precode(p, re, im);
        List<Double> rates = new ArrayList<>();
        Wmmse.Result r = wmmse.iterate(p, re, im, rates::add);
        for (int t = 1; t < rates.size(); t++) {
            assertThat(rates.get(t)).as("sweep %d of %d", t, rates.size()).isGreaterThanOrEqualTo(rates.get(t - 1) - 1e-9);
        }
        assertThat(r.sumRate()).isCloseTo(p.sumRate(re, im), within(1e-9));
        for (int m = 0; m < p.blocks(); m++) {
            double power = p.blockPower(m, re, im);
            assertThat(power).as("block %d power", m).isLessThanOrEqualTo(p.budget(m) * (1 + 1e-12));
            if (r.multipliers()[m] > 0) {
                assertThat(power).as("block %d has mu > 0, so it is at its budget", m).isCloseTo(p.budget(m), within(1e-9 * p.budget(m)));
            }
            for (int k = 0; k < p.users(); k++) {
                if (!p.served(m, k)) {
                    for (int n = 0; n < p.antennas(); n++) {
                        assertThat(re[p.index(m, k, n)]).isZero();
                        assertThat(im[p.index(m, k, n)]).isZero();
                    }
                }
            }
        }
        return r;
    }

    @Test
    void singleUserWmmseReachesTheJointMaximumRatioClosedForm() {
        // baselines.md O2 with per-AP budgets: h_1 = [1, 0], h_2 = [0, 2], P = 4 for both APs
        CellFreeEnv env = new CellFreeEnv(CellFreeConfig.preset(CellFreeConfig.TINY).with(Map.of("aps", "2", "users", "1")));
        CellFreeInstance inst = CellFreeInstance.fromChannels(2, 1, 2, new double[] {1, 0, 0, 2}, new double[4], 1e-12, 4);
        Beamformer<CellFreeInstance> wmmse = DownlinkBeamformer.cellFree(new Wmmse());
        ComplexArray w = wmmse.beamform(inst, Support.of(0, 1));
        double closed = Math.log1p(Math.pow(2 * 1 + 2 * 2, 2)) / LOG2;
        assertThat(env.sumRate(inst, new Solution(Support.of(0, 1), w))).isCloseTo(closed, within(1e-8));
    }

    @Test
    void singleUserWmmseMrtAndStructureReachTheCapacityUnderTotalPower() {
        MovableAntennaEnv env = new MovableAntennaEnv(MovableAntennaConfig.preset(MovableAntennaConfig.DEFAULT)
                .with(Map.of("users", "1")));
        MovableAntennaInstance inst = env.sample(RandomSource.XO_RO_SHI_RO_128_PP.create(3L));
        Support a = Support.of(0, 8, 72, 80);
        double norm2 = 0;
        for (int i = 0; i < 4; i++) {
            norm2 += inst.re(0, a.get(i)) * inst.re(0, a.get(i)) + inst.im(0, a.get(i)) * inst.im(0, a.get(i));
        }
        double capacity = Math.log1p(norm2 * inst.powerW()) / LOG2;
        for (Precoder p : new Precoder[] {new Wmmse(), new MaximumRatio(), LocalPrecoder.equalWeightStructure(),
                JointLinearPrecoder.zeroForcing(), JointLinearPrecoder.regularised()}) {
            ComplexArray w = DownlinkBeamformer.movable(p).beamform(inst, a);
            assertThat(env.sumRate(inst, new Solution(a, w))).as(p.name()).isCloseTo(capacity, within(1e-8 * capacity));
        }
    }

    @Test
    void orthogonalChannelsGiveTheWaterFillingRateForZfAndWmmse() {
        // baselines.md O3: h_1 = [1, 0], h_2 = [0, 0.5], σ² = 1, P = 10 → p = (6.5, 3.5), R = 3.813781
        DownlinkProblem p = new DownlinkProblem(1, 2, 2, new double[] {1, 0, 0, 0.5}, new double[4],
                new boolean[] {true, true}, new double[] {10});
        double[] re = new double[4];
        double[] im = new double[4];
        JointLinearPrecoder.zeroForcing().precode(p, re, im);
        assertThat(p.sumRate(re, im)).isCloseTo(3.813781, within(1e-6));
        new Wmmse(new Wmmse.Options(1e-12, 5000, false, 0), null).solve(p, re, im);
        assertThat(p.sumRate(re, im)).isCloseTo(3.813781, within(1e-6));
    }
}
