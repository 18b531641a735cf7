package org.alloc4j.policy;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.alloc4j.decoder.BeamSearch;
import org.alloc4j.decoder.DecodingStrategy;
import org.alloc4j.decoder.ForcedSequences;
import org.alloc4j.decoder.Greedy;
import org.alloc4j.decoder.Sampling;
import org.alloc4j.encoder.Features;
import org.alloc4j.envs.Environment;
import org.alloc4j.envs.FeasibilityReport;
import org.alloc4j.envs.Support;
import org.alloc4j.envs.cellfree.CellFreeConfig;
import org.alloc4j.envs.cellfree.CellFreeEnv;
import org.alloc4j.envs.cellfree.CellFreeInstance;
import org.alloc4j.envs.movable.MovableAntennaConfig;
import org.alloc4j.envs.movable.MovableAntennaEnv;
import org.alloc4j.envs.movable.MovableAntennaInstance;
import org.alloc4j.envs.testing.Fixtures;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class DecodingTest {

    private static List<DecodingStrategy> strategies(long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        return List.of(new Greedy(), new Sampling(rng), new Sampling(2.0, 3, rng), new BeamSearch(3));
    }

    private static <I> int assertAllFeasible(Policy<I> p, List<I> instances, long seed) {
        Environment<I> env = p.environment();
        int checked = 0;
        for (DecodingStrategy s : strategies(seed)) {
            for (int from = 0; from < instances.size(); from += 100) {
                List<I> chunk = instances.subList(from, Math.min(instances.size(), from + 100));
                List<Support> sets = p.decodeAll(chunk, s);
                assertThat(sets).hasSize(chunk.size() * s.rowsPerInstance());
                for (int r = 0; r < sets.size(); r++) {
                    FeasibilityReport rep = env.checker().checkSupport(chunk.get(r / s.rowsPerInstance()), sets.get(r));
                    assertThat(rep.feasible()).as("%s row %d: %s", s.name(), r, rep).isTrue();
                    checked++;
                }
            }
        }
        return checked;
    }

    @Test
    void everyDecodedSetPassesTheIndependentCheckerForEveryStrategy() {
        CellFreeEnv cf = CellFreeEnv.preset(CellFreeConfig.DEFAULT);
        List<CellFreeInstance> cfInstances = new ArrayList<>(PolicyTestSupport.instances(cf, 600, 1L));
        // adversarial: identical UEs and co-located APs
        for (int i = 0; i < 200; i++) {
            CellFreeInstance base = cfInstances.get(i);
            cfInstances.add(i % 2 == 0 ? Fixtures.withIdenticalUsers(base, 0, 1) : Fixtures.withColocatedAps(base, 2, 5));
        }
        MovableAntennaEnv ma = MovableAntennaEnv.preset(MovableAntennaConfig.DEFAULT);
        MovableAntennaEnv tight = new MovableAntennaEnv(MovableAntennaConfig.preset(MovableAntennaConfig.DEFAULT)
                .with(Map.of("antennas", "8", "minDistance", "1.0", "areaSide", "2", "gridPoints", "5")));
        int total = 0;
        try (Policy<CellFreeInstance> p = Policy.initialise(cf, PolicyTestSupport.small(), 1L)) {
            total += assertAllFeasible(p, cfInstances, 1L);
        }
        try (Policy<MovableAntennaInstance> p = Policy.initialise(ma, PolicyTestSupport.small(), 2L)) {
            total += assertAllFeasible(p, PolicyTestSupport.instances(ma, 300, 2L), 2L);
        }
        try (Policy<MovableAntennaInstance> p = Policy.initialise(tight, PolicyTestSupport.small(), 3L)) {
            total += assertAllFeasible(p, PolicyTestSupport.instances(tight, 200, 3L), 3L);
        }
        assertThat(total).as("decoded sets checked").isGreaterThan(5000);
    }

    @Test
    void maskedActionsHaveProbabilityExactlyZeroAndEndIsTakenWhenNothingElseFits() {
        CellFreeEnv tiny = CellFreeEnv.preset(CellFreeConfig.TINY);
        List<CellFreeInstance> batch = PolicyTestSupport.instances(tiny, 50, 4L);
        int[] forcedEnd = {0};
        try (Policy<CellFreeInstance> p = Policy.initialise(tiny, PolicyTestSupport.small(), 4L);
             NDManager m = p.manager().newSubManager()) {
            Features f = p.networks().featurize(m, batch);
            p.networks().decode(new ParameterStore(m, false), f, batch,
                    new Sampling(RandomSource.XO_RO_SHI_RO_128_PP.create(4L)), false, (step, mask, logProbs) -> {
                        boolean[] mk = mask.toBooleanArray();
                        float[] lp = logProbs.toFloatArray();
                        int width = tiny.candidateCount() + 1;
                        for (int r = 0; r < batch.size(); r++) {
                            double total = 0;
                            int feasible = 0;
                            for (int a = 0; a < width; a++) {
                                double prob = Math.exp(lp[r * width + a]);
                                if (!mk[r * width + a]) {
                                    assertThat(prob).as("masked action %d at step %d", a, step).isZero();
                                } else {
                                    feasible++;
                                }
                                total += prob;
                            }
                            assertThat(total).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
                            if (feasible == 1 && mk[r * width + width - 1]) {
                                assertThat(Math.exp(lp[r * width + width - 1])).as("END alone").isEqualTo(1.0);
                                forcedEnd[0]++;
                            }
                        }
                    });
        }
        assertThat(forcedEnd[0]).as("rows where END was the only action").isPositive();
    }

    @Test
    void samplingFrequenciesMatchTheMaskedSoftmax() {
        // one state, many draws: chi-square goodness of fit at a false-failure rate of 1e-6
        CellFreeEnv tiny = CellFreeEnv.preset(CellFreeConfig.TINY);
        CellFreeInstance inst = PolicyTestSupport.instances(tiny, 1, 5L).get(0);
        int draws = 20000;
        try (Policy<CellFreeInstance> p = Policy.initialise(tiny, PolicyTestSupport.small(), 5L);
             NDManager m = p.manager().newSubManager()) {
            // a second step with two links already taken, so the mask removes some candidates
            int[] prefix = {tiny.link(0, 0), tiny.link(0, 1)};
            int[][] forced = new int[1][];
            forced[0] = prefix;
            float[][] probs = new float[1][];
            Features f = p.networks().featurize(m, List.of(inst));
            p.networks().decode(new ParameterStore(m, false), f, List.of(inst),
                    new ForcedSequences(forced, tiny.endAction()), false, (step, mask, lp) -> {
                        if (step == 2) {
                            probs[0] = lp.exp().toFloatArray();
                        }
                    });
            List<CellFreeInstance> copies = new ArrayList<>();
            for (int i = 0; i < draws; i++) {
                copies.add(inst);
            }
            int[] counts = new int[tiny.candidateCount() + 1];
            UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(6L);
            for (int from = 0; from < draws; from += 2000) {
                List<CellFreeInstance> chunk = copies.subList(from, from + 2000);
                Features fc = p.networks().featurize(m, chunk);
                int[][] pre = new int[chunk.size()][];
                for (int i = 0; i < pre.length; i++) {
                    pre[i] = prefix;
                }
                // replay the prefix, then record the sampled third action
                DecodingStrategy third = new DecodingStrategy() {
                    final Sampling sampler = new Sampling(rng);
                    final ForcedSequences replay = new ForcedSequences(pre, tiny.endAction());

                    @Override
                    public int rowsPerInstance() {
                        return 1;
                    }

                    @Override
                    public org.alloc4j.decoder.Selection select(NDArray logProbs, int step) {
                        if (step < 2) {
                            return replay.select(logProbs, step);
                        }
                        org.alloc4j.decoder.Selection s = sampler.select(logProbs, step);
                        if (step == 2) {
                            for (long a : s.actions()) {
                                counts[(int) a]++;
                            }
                        }
                        return s;
                    }

                    @Override
                    public String name() {
                        return "third-action";
                    }
                };
                p.networks().decode(new ParameterStore(m, false), fc, chunk, third, false);
            }
            double chi2 = 0;
            int categories = 0;
            for (int a = 0; a < counts.length; a++) {
                double expected = draws * probs[0][a];
                if (expected == 0) {
                    assertThat(counts[a]).as("masked action %d drawn", a).isZero();
                    continue;
                }
                chi2 += (counts[a] - expected) * (counts[a] - expected) / expected;
                categories++;
            }
            int df = categories - 1;
            // Wilson–Hilferty upper quantile of chi-square(df) at 1e-6 (z = 4.753)
            double z = 4.753;
            double critical = df * Math.pow(1 - 2.0 / (9 * df) + z * Math.sqrt(2.0 / (9 * df)), 3);
            assertThat(df).isGreaterThanOrEqualTo(3);
            assertThat(chi2).as("chi-square with %d degrees of freedom (critical %s)", df, critical).isLessThan(critical);
        }
    }

    @Test
    void nativeMemoryDoesNotGrowOverTwoThousandDecodeCalls() {
        CellFreeEnv tiny = CellFreeEnv.preset(CellFreeConfig.TINY);
        List<CellFreeInstance> batch = PolicyTestSupport.instances(tiny, 4, 7L);
        try (Policy<CellFreeInstance> p = Policy.initialise(tiny, PolicyTestSupport.small(), 7L)) {
            for (int i = 0; i < 200; i++) {
                p.decode(batch);
            }
            int arraysBefore = p.manager().getManagedArrays().size();
            System.gc();
            long rssBefore = PolicyTestSupport.residentKb();
            for (int i = 0; i < 2000; i++) {
                p.decode(batch);
            }
            System.gc();
            long rssAfter = PolicyTestSupport.residentKb();
            assertThat(p.manager().getManagedArrays().size()).as("arrays left in the policy's manager").isEqualTo(arraysBefore);
            assertThat(rssAfter - rssBefore).as("resident memory growth [kB] over 2000 calls").isLessThan(64 * 1024);
        }
    }

    @Test
    void beamSearchKeepsDistinctSetsAndItsBestIsAtLeastGreedyInLikelihood() {
        CellFreeEnv tiny = CellFreeEnv.preset(CellFreeConfig.TINY);
        List<CellFreeInstance> batch = PolicyTestSupport.instances(tiny, 20, 8L);
        try (Policy<CellFreeInstance> p = Policy.initialise(tiny, PolicyTestSupport.small(), 8L);
             NDManager m = p.manager().newSubManager()) {
            Features f = p.networks().featurize(m, batch);
            var greedy = p.networks().decode(new ParameterStore(m, false), f, batch, new Greedy(), false);
            BeamSearch beam = new BeamSearch(4);
            var beamed = p.networks().decode(new ParameterStore(m, false), f, batch, beam, false);
            float[] greedyLl = greedy.logLikelihood().toFloatArray();
            double[] scores = beam.scores();
            for (int i = 0; i < batch.size(); i++) {
                Map<Support, Integer> seen = new HashMap<>();
                double best = Double.NEGATIVE_INFINITY;
                for (int w = 0; w < 4; w++) {
                    int row = i * 4 + w;
                    if (scores[row] > Double.NEGATIVE_INFINITY) {
                        assertThat(seen.put(beamed.support(row), row)).as("duplicate set in the beam").isNull();
                        best = Math.max(best, scores[row]);
                    }
                }
                assertThat(best).isGreaterThanOrEqualTo(greedyLl[i] - 1e-4);
            }
        }
    }

    @Test
    void bestOfSamplesAndBeamSearchReturnTheirHighestRateRow() {
        CellFreeEnv tiny = CellFreeEnv.preset(CellFreeConfig.TINY);
        List<CellFreeInstance> batch = PolicyTestSupport.instances(tiny, 12, 9L);
        try (Policy<CellFreeInstance> p = Policy.initialise(tiny, PolicyTestSupport.small(), 9L)) {
            for (DecodingStrategy s : List.of(new BeamSearch(4),
                    new Sampling(1.0, 8, RandomSource.XO_RO_SHI_RO_128_PP.create(9L)))) {
                List<Support> best = p.decodeBest(batch, s, CellFreeNetworks.RZF);
                double[] bestRates = p.tensorSumRates(CellFreeNetworks.RZF, batch, best);
                for (int i = 0; i < batch.size(); i++) {
                    assertThat(tiny.checker().checkSupport(batch.get(i), best.get(i)).feasible()).isTrue();
                }
                DecodingStrategy again = s instanceof BeamSearch ? new BeamSearch(4)
                        : new Sampling(1.0, 8, RandomSource.XO_RO_SHI_RO_128_PP.create(9L));
                List<Support> rows = p.decodeAll(batch, again);
                List<CellFreeInstance> repeated = new ArrayList<>();
                for (CellFreeInstance inst : batch) {
                    for (int r = 0; r < s.rowsPerInstance(); r++) {
                        repeated.add(inst);
                    }
                }
                double[] rowRates = p.tensorSumRates(CellFreeNetworks.RZF, repeated, rows);
                for (int r = 0; r < rows.size(); r++) {
                    assertThat(bestRates[r / s.rowsPerInstance()]).as(s.name() + " row " + r)
                            .isGreaterThanOrEqualTo(rowRates[r] - 1e-9);
                }
            }
        }
    }
}
