package org.alloc4j.training.evaluate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.alloc4j.baselines.Allocation;
import org.alloc4j.baselines.Allocator;
import org.alloc4j.baselines.MethodCatalog;
import org.alloc4j.envs.Environment;
import org.alloc4j.envs.FeasibilityReport;
import org.alloc4j.envs.Solution;
import org.alloc4j.training.io.ProgressBar;

/**
 * Runs methods side by side on the same seeded test instances at every power level, re-checks every
 * solution with the environment's independent checker, and collects one {@link ResultRow} per method
 * and power (SPEC §7).
 */
public final class Evaluator {
    /** Instances per allocation call: large enough for batched methods, small enough for a live progress bar. */
    static final int CHUNK = 250;

    private Evaluator() {
    }

    /**
     * @param envId     preset id reported in the rows
     * @param catalog   the methods (and environment) to use
     * @param methods   method names; {@code greedy+wmmse} is added when missing and available, as the reference
     * @param powersDbm power levels [dBm]
     * @param instances test-set size
     * @param seed      test-set seed (methods derive their random streams from it too)
     * @param exportDir where to write {@code .npz} files, or {@code null}
     */
    public static <I> List<ResultRow> run(String envId, MethodCatalog<I> catalog, List<String> methods,
                                          List<Double> powersDbm, int instances, long seed, Path exportDir) {
        Environment<I> env = catalog.environment();
        MethodCatalog.Context ctx = MethodCatalog.Context.of(seed);
        List<String> all = withReference(catalog, methods, ctx);
        List<I> base = TestSet.generate(env, seed, instances);
        ProgressBar bar = new ProgressBar((long) powersDbm.size() * all.size() * instances);
        List<ResultRow> rows = new ArrayList<>();
        for (double power : powersDbm) {
            List<I> set = TestSet.atPower(env, base, power);
            if (exportDir != null) {
                write(() -> SolutionExport.writeInstances(env, set, exportDir.resolve("instances-" + label(power) + ".npz")));
            }
            List<ResultRow> block = new ArrayList<>();
            java.util.Map<String, double[]> rateOf = new java.util.HashMap<>();
            for (String method : all) {
                Allocator<I> allocator = catalog.create(method, ctx);
                List<Solution> solutions = new ArrayList<>(instances);
                double[] rates = new double[instances];
                int feasible = 0;
                int repaired = 0;
                double support = 0;
                long nanos = 0;
                for (int from = 0; from < instances; from += CHUNK) {
                    List<I> chunk = set.subList(from, Math.min(instances, from + CHUNK));
                    long t0 = System.nanoTime();
                    List<Allocation> out = allocator.allocateAll(chunk);
                    nanos += System.nanoTime() - t0;
                    for (int j = 0; j < chunk.size(); j++) {
                        Allocation a = out.get(j);
                        I inst = chunk.get(j);
                        FeasibilityReport rep = env.checker().check(inst, a.solution());
                        feasible += rep.feasible() ? 1 : 0;
                        repaired += a.repaired() ? 1 : 0;
                        support += a.solution().support().size();
                        rates[from + j] = env.sumRate(inst, a.solution());
                        solutions.add(a.solution());
                    }
                    bar.advance(chunk.size(), String.format(Locale.ROOT, "%s @ %s dBm", method, label(power)));
                }
                block.add(new ResultRow(method, envId, power, instances, Statistics.mean(rates), Statistics.ci95(rates),
                        Double.NaN, (double) feasible / instances, (double) repaired / instances, support / instances,
                        nanos / 1e6 / instances, Double.NaN));
                rateOf.put(method, rates);
                if (exportDir != null) {
                    write(() -> SolutionExport.writeSolutions(env, solutions, rates,
                            exportDir.resolve("solutions-" + method + "-" + label(power) + ".npz")));
                }
            }
            double[] reference = rateOf.get("greedy+wmmse");
            for (ResultRow r : block) {
                rows.add(reference == null ? r : r.withRatio(r.meanSumRate() / Statistics.mean(reference),
                        Statistics.pairedRatioCi95(rateOf.get(r.method()), reference)));
            }
        }
        return rows;
    }

    private static <I> List<String> withReference(MethodCatalog<I> catalog, List<String> methods, MethodCatalog.Context ctx) {
        List<String> all = new ArrayList<>(methods);
        for (String m : all) {
            catalog.create(m, ctx); // fail fast on unknown names, before any work
        }
        if (!all.contains("greedy+wmmse") && catalog.selectorNames().contains("greedy")
                && catalog.beamformerNames().contains("wmmse")) {
            all.add(0, "greedy+wmmse");
        }
        return all;
    }

    /** Power as used in file names: integer when whole ({@code 20}), else plain decimal. */
    public static String label(double power) {
        return power == Math.rint(power) ? Long.toString((long) power) : Double.toString(power);
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static void write(IoAction a) {
        try {
            a.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
