package org.alloc4j.envs.testing;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.alloc4j.envs.DecodingState;
import org.alloc4j.envs.Environment;
import org.alloc4j.envs.FeasibilityChecker;
import org.alloc4j.envs.FeasibilityReport;
import org.alloc4j.envs.InfeasibleActionException;
import org.alloc4j.envs.Solution;
import org.alloc4j.envs.Support;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * A user-written environment, as a researcher would plug one in: choose at most {@code limit} of
 * {@code items} items, score = Σ values of the chosen items (the "beamformer" has shape [0]).
 * {@code leak} makes the mask allow one item too many, so that the checker can be shown to catch it.
 */
public final class ToyCardinalityEnv implements Environment<ToyCardinalityEnv.Items> {
    public static final String ID = "toy-cardinality-v1";
    private final int items;
    private final int limit;
    private final boolean leak;

    /** An instance: one value per item, and a nominal power that the toy objective ignores. */
    public record Items(double[] values, double powerDbm) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Items i && Arrays.equals(values, i.values) && powerDbm == i.powerDbm;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }
    }

    public ToyCardinalityEnv(int items, int limit, boolean leak) {
        this.items = items;
        this.limit = limit;
        this.leak = leak;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Map<String, String> parameters() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("items", String.valueOf(items));
        m.put("limit", String.valueOf(limit));
        return m;
    }

    @Override
    public Class<Items> instanceType() {
        return Items.class;
    }

    @Override
    public int candidateCount() {
        return items;
    }

    @Override
    public boolean endAllowed() {
        return true;
    }

    @Override
    public int maxSteps() {
        return leak ? limit + 1 : limit;
    }

    @Override
    public Items sample(UniformRandomProvider rng) {
        double[] v = new double[items];
        for (int i = 0; i < items; i++) {
            v[i] = rng.nextDouble();
        }
        return new Items(v, 0);
    }

    @Override
    public Items withPowerDbm(Items instance, double powerDbm) {
        return new Items(instance.values(), powerDbm);
    }

    @Override
    public double powerDbm(Items instance) {
        return instance.powerDbm();
    }

    @Override
    public DecodingState newState(Items instance) {
        return new State(new boolean[items], new int[0], false);
    }

    @Override
    public int[] beamformerShape(Items instance, Support support) {
        return new int[] {0};
    }

    @Override
    public double sumRate(Items instance, Solution solution) {
        double s = 0;
        for (int i = 0; i < solution.support().size(); i++) {
            s += instance.values()[solution.support().get(i)];
        }
        return s;
    }

    @Override
    public FeasibilityChecker<Items> checker() {
        return new FeasibilityChecker<>() {
            @Override
            public FeasibilityReport checkSupport(Items instance, Support support) {
                return support.size() <= limit ? FeasibilityReport.ok()
                        : new FeasibilityReport(List.of(support.size() + " items > limit " + limit));
            }

            @Override
            public boolean isCompletable(Items instance, Support partial) {
                return partial.size() <= limit;
            }

            @Override
            public FeasibilityReport check(Items instance, Solution solution) {
                return checkSupport(instance, solution.support());
            }
        };
    }

    @Override
    public String describeCandidate(int candidate) {
        return candidate == items ? "END" : "item " + candidate;
    }

    private final class State implements DecodingState {
        private final boolean[] chosen;
        private int[] actions;
        private boolean ended;

        State(boolean[] chosen, int[] actions, boolean ended) {
            this.chosen = chosen;
            this.actions = actions;
            this.ended = ended;
        }

        private int count() {
            int n = 0;
            for (boolean b : chosen) {
                if (b) {
                    n++;
                }
            }
            return n;
        }

        @Override
        public int candidateCount() {
            return items;
        }

        @Override
        public int size() {
            return count();
        }

        @Override
        public boolean isDone() {
            return ended || count() >= maxSteps();
        }

        @Override
        public boolean endedByEndToken() {
            return ended;
        }

        @Override
        public void mask(boolean[] out) {
            Arrays.fill(out, false);
            if (isDone()) {
                return;
            }
            for (int i = 0; i < items; i++) {
                out[i] = !chosen[i] && count() < maxSteps();
            }
            out[items] = true;
        }

        @Override
        public boolean isFeasible(int action) {
            return action >= 0 && action <= items && mask()[action];
        }

        @Override
        public void step(int action) {
            if (!isFeasible(action)) {
                throw new InfeasibleActionException(ID + ": " + action + " infeasible in " + describe());
            }
            actions = Arrays.copyOf(actions, actions.length + 1);
            actions[actions.length - 1] = action;
            if (action == items) {
                ended = true;
            } else {
                chosen[action] = true;
            }
        }

        @Override
        public Support support() {
            return Support.fromIndicator(chosen);
        }

        @Override
        public int[] actions() {
            return actions.clone();
        }

        @Override
        public DecodingState copy() {
            return new State(chosen.clone(), actions.clone(), ended);
        }

        @Override
        public String describe() {
            return "toy state " + support();
        }
    }
}
