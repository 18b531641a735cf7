package org.alloc4j.baselines;

import org.alloc4j.envs.Environment;
import org.alloc4j.envs.InvalidConfigurationException;
import org.alloc4j.envs.Solution;
import org.alloc4j.envs.Support;
import org.alloc4j.envs.math.ComplexArray;

/**
 * The reference optimum for small instances (baselines.md §8): every feasible support set is given to
 * a beamformer and the best solution is kept. Maximal sets (no candidate can be added) get the
 * thorough beamformer (multi-start WMMSE for {@code exhaustive+wmmse}); the others the plain one
 * (single-start WMMSE).
 *
 * <p>Why all sets and two beamformers: the globally optimal rate cannot drop when links are added, so
 * the optimum lies on a maximal set, where the multi-start search goes. But WMMSE finds local optima,
 * and on {@code cell-free-tiny-v1} a non-maximal set did beat every maximal one by 0.07 %
 * (SelectorsAndSearchTest); scanning every set with the plain beamformer catches such cases and makes
 * the result at least {@code X+wmmse} for every feasible X, at a quarter of the cost of multi-start on
 * all 265 sets of the tiny preset.
 *
 * <p>Refuses instances with more than {@code maxSupports} candidate sets, before any beamforming, with
 * a message that says how to proceed.
 */
public final class ExhaustiveSearch<I> implements Allocator<I> {
    private final Environment<I> env;
    private final Beamformer<I> plain;
    private final Beamformer<I> thorough;
    private final long maxSupports;

    /**
     * @param plain       beamformer for non-maximal sets
     * @param thorough    beamformer for maximal sets (may be the same)
     * @param maxSupports budget in support sets per instance
     */
    public ExhaustiveSearch(Environment<I> env, Beamformer<I> plain, Beamformer<I> thorough, long maxSupports) {
        this.env = env;
        this.plain = plain;
        this.thorough = thorough;
        this.maxSupports = maxSupports;
    }

    @Override
    public String name() {
        return "exhaustive+" + plain.name();
    }

    /** The number of support sets this search evaluates on an instance (throws beyond the budget). */
    public long supportCount(I instance) {
        try {
            return FeasibleSupports.count(env, instance, false, maxSupports);
        } catch (FeasibleSupports.LimitExceeded e) {
            throw new InvalidConfigurationException("exhaustive search on " + env.id() + " " + env.parameters()
                    + " would evaluate more than maxSupports = " + maxSupports
                    + " support sets; use a tiny preset (cell-free-tiny-v1, movable-antenna-tiny-v1) or raise the limit");
        }
    }

    @Override
    public Allocation allocate(I instance) {
        supportCount(instance);
        Solution[] best = {null};
        double[] bestRate = {Double.NEGATIVE_INFINITY};
        FeasibleSupports.forEach(env, instance, false, maxSupports, (support, maximal) -> {
            ComplexArray w = (maximal ? thorough : plain).beamform(instance, support);
            Solution s = new Solution(support, w);
            double r = env.sumRate(instance, s);
            if (r > bestRate[0]) {
                bestRate[0] = r;
                best[0] = s;
            }
        });
        if (best[0] == null) {
            Support empty = Support.empty();
            best[0] = new Solution(empty, env.zeroBeamformer(instance, empty));
        }
        return new Allocation(best[0], false);
    }
}
