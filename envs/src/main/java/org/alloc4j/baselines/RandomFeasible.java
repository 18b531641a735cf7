package org.alloc4j.baselines;

import org.alloc4j.envs.DecodingState;
import org.alloc4j.envs.Environment;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Random feasible support set for any environment: at every step a uniformly random candidate among
 * those the mask allows, until none is left (END is taken only then), so the set is maximal.
 */
public final class RandomFeasible<I> implements SupportSelector<I> {
    private final Environment<I> env;
    private final UniformRandomProvider rng;

    public RandomFeasible(Environment<I> env, UniformRandomProvider rng) {
        this.env = env;
        this.rng = rng;
    }

    @Override
    public String name() {
        return "random";
    }

    @Override
    public Choice select(I instance) {
        DecodingState s = env.newState(instance);
        int n = env.candidateCount();
        boolean[] mask = new boolean[n + 1];
        while (!s.isDone()) {
            s.mask(mask);
            int count = 0;
            for (int c = 0; c < n; c++) {
                if (mask[c]) {
                    count++;
                }
            }
            if (count == 0) {
                s.step(env.endAction());
                continue;
            }
            int pick = rng.nextInt(count);
            for (int c = 0; c < n; c++) {
                if (mask[c] && pick-- == 0) {
                    s.step(c);
                    break;
                }
            }
        }
        return Choice.of(s.support());
    }
}
