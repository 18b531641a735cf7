package org.alloc4j.baselines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.alloc4j.envs.Environment;
import org.alloc4j.envs.FeasibilityReport;
import org.alloc4j.envs.InvalidConfigurationException;
import org.alloc4j.envs.Solution;
import org.alloc4j.envs.Support;
import org.alloc4j.envs.cellfree.CellFreeConfig;
import org.alloc4j.envs.cellfree.CellFreeEnv;
import org.alloc4j.envs.cellfree.CellFreeInstance;
import org.alloc4j.envs.movable.MovableAntennaConfig;
import org.alloc4j.envs.movable.MovableAntennaEnv;
import org.alloc4j.envs.movable.MovableAntennaInstance;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class SelectorsAndSearchTest {
    private final CellFreeEnv tinyCf = CellFreeEnv.preset(CellFreeConfig.TINY);
    private final MovableAntennaEnv tinyMa = MovableAntennaEnv.preset(MovableAntennaConfig.TINY);

    @Test
    void greedyAssociationMatchesTheWorkedExample() {
        // baselines.md O10: gains rows AP1..AP3, columns UE1..UE3
        double[] gains = {9, 8, 7, 5, 6, 1, 1, 2, 3};
        CellFreeInstance inst = new CellFreeInstance(3, 3, 1, new double[9], new double[9], gains, null, 1e-12, 1);
        Support s = new GreedyAssociation(tinyCf.config()).select(inst).support();
        // M_1 = {1,2}, M_2 = {1,2}, M_3 = {3} (1-based) → links (0,0),(1,0),(0,1),(1,1),(2,2)
        assertThat(s).isEqualTo(Support.of(tinyCf.link(0, 0), tinyCf.link(1, 0), tinyCf.link(0, 1), tinyCf.link(1, 1),
                tinyCf.link(2, 2)));
    }

    @Test
    void greedyAndRandomSelectionsAreFeasibleAndMaximalOnEveryInstance() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(6L);
        CellFreeEnv cf = CellFreeEnv.preset(CellFreeConfig.DEFAULT);
        MovableAntennaEnv ma = MovableAntennaEnv.preset(MovableAntennaConfig.DEFAULT);
        for (int t = 0; t < 300; t++) {
            CellFreeInstance c = cf.sample(rng);
            for (SupportSelector<CellFreeInstance> sel : List.of(new GreedyAssociation(cf.config()),
                    new GreedyAssociation(cf.config(), GreedyAssociation.Gain.INSTANTANEOUS), new RandomFeasible<>(cf, rng))) {
                Support s = sel.select(c).support();
                assertThat(cf.checker().checkSupport(c, s).feasible()).as(sel.name() + " " + s).isTrue();
                for (int x = 0; x < cf.candidateCount(); x++) {
                    if (!s.contains(x)) {
                        assertThat(cf.checker().isCompletable(c, s.with(x))).as("%s is maximal: %s cannot be added", s, x).isFalse();
                    }
                }
            }
            MovableAntennaInstance m = ma.sample(rng);
            for (SupportSelector<MovableAntennaInstance> sel : List.of(new GreedyPositioning(ma), new RandomFeasible<>(ma, rng))) {
                Support s = sel.select(m).support();
                assertThat(ma.checker().checkSupport(m, s).feasible()).as(sel.name() + " " + s).isTrue();
            }
        }
    }

    @Test
    void greedyPositioningTakesTheStrongestPositionFirst() {
        MovableAntennaInstance inst = tinyMa.sample(RandomSource.XO_RO_SHI_RO_128_PP.create(7L));
        int best = 0;
        double bestScore = -1;
        for (int q = 0; q < inst.candidates(); q++) {
            double s = 0;
            for (int k = 0; k < inst.users(); k++) {
                s += inst.re(k, q) * inst.re(k, q) + inst.im(k, q) * inst.im(k, q);
            }
            if (s > bestScore) {
                bestScore = s;
                best = q;
            }
        }
        assertThat(new GreedyPositioning(tinyMa).select(inst).support().contains(best)).isTrue();
    }

    @Test
    void enumerationCountsMatchTheReferenceCounts() {
        // baselines.md §8.1 and §8.2
        CellFreeInstance c33 = tinyCf.sample(RandomSource.XO_RO_SHI_RO_128_PP.create(8L));
        assertThat(FeasibleSupports.count(tinyCf, c33, false, 1_000_000)).isEqualTo(265);
        assertThat(FeasibleSupports.count(tinyCf, c33, true, 1_000_000)).isEqualTo(15);
        CellFreeEnv cf44 = new CellFreeEnv(tinyCf.config().with(Map.of("aps", "4", "users", "4")));
        CellFreeInstance c44 = cf44.sample(RandomSource.XO_RO_SHI_RO_128_PP.create(9L));
        assertThat(FeasibleSupports.count(cf44, c44, false, 1_000_000)).isEqualTo(7343);
        assertThat(FeasibleSupports.count(cf44, c44, true, 1_000_000)).isEqualTo(186);
        MovableAntennaEnv g5 = new MovableAntennaEnv(tinyMa.config().with(Map.of("antennas", "4")));
        assertThat(FeasibleSupports.count(g5, g5.sample(RandomSource.XO_RO_SHI_RO_128_PP.create(1L)), false, 100_000))
                .isEqualTo(1987);
        MovableAntennaEnv g4 = new MovableAntennaEnv(tinyMa.config().with(Map.of("antennas", "4", "gridPoints", "4",
                "areaSide", "1.5")));
        assertThat(FeasibleSupports.count(g4, g4.sample(RandomSource.XO_RO_SHI_RO_128_PP.create(1L)), false, 100_000))
                .isEqualTo(1820);
    }

    @Test
    void exhaustiveIsAtLeastEveryOtherClassicalMethodOnTinyInstances() {
        assertExhaustiveDominates(tinyCf, 12, 10L);
        assertExhaustiveDominates(tinyMa, 10, 11L);
    }

    private static <I> void assertExhaustiveDominates(Environment<I> env, int instances, long seed) {
        MethodCatalog<I> catalog = MethodCatalog.classical(env);
        MethodCatalog.Context ctx = MethodCatalog.Context.of(seed);
        Allocator<I> exhaustive = catalog.create("exhaustive+wmmse", ctx);
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        for (int t = 0; t < instances; t++) {
            I inst = env.sample(rng);
            Solution best = exhaustive.allocate(inst).solution();
            assertThat(env.checker().check(inst, best).feasible()).isTrue();
            double ref = env.sumRate(inst, best);
            for (String sel : catalog.selectorNames()) {
                for (String bf : catalog.beamformerNames()) {
                    Solution s = catalog.create(sel + "+" + bf, ctx).allocate(inst).solution();
                    FeasibilityReport rep = env.checker().check(inst, s);
                    assertThat(rep.feasible()).as(sel + "+" + bf + ": " + rep).isTrue();
                    assertThat(env.sumRate(inst, s)).as("%s+%s vs exhaustive on instance %d", sel, bf, t)
                            .isLessThanOrEqualTo(ref + 1e-9);
                }
            }
            for (String joint : catalog.jointNames()) {
                Solution s = catalog.create(joint, ctx).allocate(inst).solution();
                assertThat(env.checker().check(inst, s).feasible()).as(joint).isTrue();
                assertThat(env.sumRate(inst, s)).as(joint).isLessThanOrEqualTo(ref + 1e-9);
            }
        }
    }

    @Test
    void exhaustiveEqualsBruteForceOverEveryFeasibleSet() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(12L);
        MethodCatalog.Context ctx = MethodCatalog.Context.of(12L);
        Allocator<CellFreeInstance> exhaustive = MethodCatalog.classical(tinyCf).create("exhaustive+wmmse", ctx);
        Beamformer<CellFreeInstance> single = DownlinkBeamformer.cellFree(new Wmmse());
        Beamformer<CellFreeInstance> multi = DownlinkBeamformer.cellFree(new Wmmse(Wmmse.Options.multiStart(0), null));
        for (int t = 0; t < 4; t++) {
            CellFreeInstance inst = tinyCf.sample(rng);
            // brute force: every subset of the 9 links, feasibility by the independent checker
            double best = Double.NEGATIVE_INFINITY;
            int feasible = 0;
            for (int bits = 0; bits < 1 << 9; bits++) {
                Support s = Support.fromIndicator(indicator(bits, 9));
                if (!tinyCf.checker().checkSupport(inst, s).feasible()) {
                    continue;
                }
                feasible++;
                boolean maximal = true;
                for (int c = 0; c < 9 && maximal; c++) {
                    maximal = s.contains(c) || !tinyCf.checker().checkSupport(inst, s.with(c)).feasible();
                }
                Beamformer<CellFreeInstance> b = maximal ? multi : single;
                best = Math.max(best, tinyCf.sumRate(inst, new Solution(s, b.beamform(inst, s))));
            }
            assertThat(feasible).isEqualTo(265);
            assertThat(tinyCf.sumRate(inst, exhaustive.allocate(inst).solution())).as("instance %d", t)
                    .isCloseTo(best, within(1e-9 * best));
        }
    }

    private static boolean[] indicator(int bits, int n) {
        boolean[] b = new boolean[n];
        for (int i = 0; i < n; i++) {
            b[i] = (bits >> i & 1) == 1;
        }
        return b;
    }

    @Test
    void maximalSetsAloneCanMissTheBestLocalOptimum() {
        // why exhaustive visits every feasible set: WMMSE optima are local (documented in ExhaustiveSearch)
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(12L);
        Beamformer<CellFreeInstance> wmmse = DownlinkBeamformer.cellFree(new Wmmse(Wmmse.Options.multiStart(4), rng));
        CellFreeInstance inst = tinyCf.sample(rng);
        double[] maximal = {Double.NEGATIVE_INFINITY};
        double[] all = {Double.NEGATIVE_INFINITY};
        FeasibleSupports.forEach(tinyCf, inst, true, 1000, (s, max) ->
                maximal[0] = Math.max(maximal[0], tinyCf.sumRate(inst, new Solution(s, wmmse.beamform(inst, s)))));
        FeasibleSupports.forEach(tinyCf, inst, false, 1000, (s, max) ->
                all[0] = Math.max(all[0], tinyCf.sumRate(inst, new Solution(s, wmmse.beamform(inst, s)))));
        assertThat(all[0]).isGreaterThan(maximal[0] + 1e-3);
    }

    @Test
    void exhaustiveRefusesInstancesBeyondItsBudget() {
        CellFreeEnv main = CellFreeEnv.preset(CellFreeConfig.DEFAULT);
        Allocator<CellFreeInstance> ex = MethodCatalog.classical(main).create("exhaustive+wmmse",
                new MethodCatalog.Context(1, 1000, 0));
        CellFreeInstance inst = main.sample(RandomSource.XO_RO_SHI_RO_128_PP.create(1L));
        assertThatThrownBy(() -> ex.allocate(inst)).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("more than maxSupports = 1000").hasMessageContaining("cell-free-tiny-v1");
    }

    @Test
    void fpcReturnsFeasiblePlacementsAndBeatsItsGreedyStartOnAverage() {
        MovableAntennaEnv env = MovableAntennaEnv.preset(MovableAntennaConfig.DEFAULT);
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(13L);
        MethodCatalog<MovableAntennaInstance> cat = MethodCatalog.classical(env);
        Allocator<MovableAntennaInstance> fpc = cat.create("fp-c", MethodCatalog.Context.of(1));
        Allocator<MovableAntennaInstance> greedy = cat.create("greedy+wmmse", MethodCatalog.Context.of(1));
        double sumFpc = 0;
        double sumGreedy = 0;
        for (int t = 0; t < 30; t++) {
            MovableAntennaInstance inst = env.sample(rng);
            Solution s = fpc.allocate(inst).solution();
            assertThat(env.checker().check(inst, s).feasible()).as(env.checker().check(inst, s).toString()).isTrue();
            sumFpc += env.sumRate(inst, s);
            sumGreedy += env.sumRate(inst, greedy.allocate(inst).solution());
        }
        assertThat(sumFpc).isGreaterThanOrEqualTo(sumGreedy * 0.99);
    }

    @Test
    void unknownMethodsAreRefusedListingTheKnownParts() {
        MethodCatalog<CellFreeInstance> cat = MethodCatalog.classical(tinyCf);
        assertThatThrownBy(() -> cat.create("greedy+magic", MethodCatalog.Context.of(1)))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("unknown method 'greedy+magic'")
                .hasMessageContaining("wmmse").hasMessageContaining("greedy");
        assertThatThrownBy(() -> cat.create("fp-c", MethodCatalog.Context.of(1))).hasMessageContaining("unknown method 'fp-c'");
    }
}
