package org.alloc4j.envs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Runs any environment, built-in or a user's, through the contract of SPEC §1 (after Gymnasium's
 * {@code check_env}): reproducible generation, deterministic steps, a feasible action in every
 * unfinished state, END as the only action once nothing can be added, masks that agree with the
 * independent checker on every candidate, and random rollouts that finish within the step bound with
 * a feasible support set.
 *
 * <p>Checking every candidate of every state against the checker costs one completability query per
 * candidate; set {@code candidateChecks} to false for very large environments.
 */
public final class EnvironmentChecker {
    private static final int MAX_REPORTED = 20;

    private EnvironmentChecker() {
    }

    /**
     * What the checker found.
     *
     * @param environmentId the environment's id
     * @param failures      one line per failed check (at most 20 are kept)
     * @param statesChecked number of decoding states examined
     */
    public record Report(String environmentId, List<String> failures, int statesChecked) {
        public boolean passed() {
            return failures.isEmpty();
        }

        @Override
        public String toString() {
            return environmentId + ": " + (passed() ? "passed" : "FAILED") + " (" + statesChecked + " states)"
                    + (passed() ? "" : "\n  " + String.join("\n  ", failures));
        }
    }

    /** Runs every check with candidate-level mask checks. */
    public static <I> Report check(Environment<I> env, long seed, int instances, int rolloutsPerInstance) {
        return check(env, seed, instances, rolloutsPerInstance, true);
    }

    /**
     * @param seed                seed of the instance generator and of the random rollouts
     * @param instances           number of generated instances
     * @param rolloutsPerInstance random feasible rollouts on each instance
     * @param candidateChecks     compare the mask with the checker for every candidate of every state
     */
    public static <I> Report check(Environment<I> env, long seed, int instances, int rolloutsPerInstance,
                                   boolean candidateChecks) {
        Failures f = new Failures();
        int states = 0;
        try {
            checkGenerator(env, seed, f);
            UniformRandomProvider gen = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
            UniformRandomProvider actionRng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed ^ 0x5DEECE66DL);
            for (int i = 0; i < instances && f.room(); i++) {
                I instance = env.sample(gen);
                checkZeroSolution(env, instance, f);
                for (int r = 0; r < rolloutsPerInstance && f.room(); r++) {
                    states += rollout(env, instance, actionRng, candidateChecks, f);
                }
            }
        } catch (RuntimeException e) {
            f.add("unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return new Report(env.id(), f.list, states);
    }

    private static <I> void checkGenerator(Environment<I> env, long seed, Failures f) {
        I a = env.sample(RandomSource.XO_RO_SHI_RO_128_PP.create(seed));
        I b = env.sample(RandomSource.XO_RO_SHI_RO_128_PP.create(seed));
        I c = env.sample(RandomSource.XO_RO_SHI_RO_128_PP.create(seed + 1));
        if (!Objects.equals(a, b)) {
            f.add("generation is not reproducible: the same seed gave different instances (or equals() is missing)");
        }
        if (Objects.equals(a, c)) {
            f.add("generation ignores the random source: seeds " + seed + " and " + (seed + 1) + " gave equal instances");
        }
        if (!env.instanceType().isInstance(a)) {
            f.add("sample() returned " + a.getClass().getName() + ", not the declared " + env.instanceType().getName());
        }
        double p = env.powerDbm(a) - 7.5;
        double back = env.powerDbm(env.withPowerDbm(a, p));
        if (Math.abs(back - p) > 1e-9) {
            f.add("withPowerDbm(" + p + ") gave an instance at " + back + " dBm");
        }
    }

    private static <I> void checkZeroSolution(Environment<I> env, I instance, Failures f) {
        DecodingState s = env.newState(instance);
        Support empty = s.support();
        if (!empty.isEmpty()) {
            f.add("a new state's support is " + empty + ", not empty");
        }
        if (env.endAllowed()) {
            Solution zero = new Solution(empty, env.zeroBeamformer(instance, empty));
            double rate = env.sumRate(instance, zero);
            if (rate != 0.0) {
                f.add("the empty support with a zero beamformer has sum rate " + rate + ", not 0");
            }
            FeasibilityReport rep = env.checker().check(instance, zero);
            if (!rep.feasible()) {
                f.add("the checker rejects the empty solution although END is allowed: " + rep);
            }
        }
    }

    /** One random feasible rollout; returns the number of states examined. */
    private static <I> int rollout(Environment<I> env, I instance, UniformRandomProvider rng, boolean candidateChecks,
                                   Failures f) {
        int n = env.candidateCount();
        int end = env.endAction();
        DecodingState state = env.newState(instance);
        boolean[] mask = new boolean[n + 1];
        List<boolean[]> masks = new ArrayList<>();
        int steps = 0;
        int states = 0;
        while (!state.isDone()) {
            states++;
            state.mask(mask);
            masks.add(mask.clone());
            Support a = state.support();
            int feasibleCandidates = 0;
            for (int c = 0; c < n; c++) {
                if (mask[c]) {
                    feasibleCandidates++;
                }
                if (state.isFeasible(c) != mask[c]) {
                    f.add("isFeasible(" + c + ") = " + state.isFeasible(c) + " disagrees with the mask in " + state.describe());
                }
            }
            if (mask[end] && !env.endAllowed()) {
                f.add("END is unmasked although the environment does not allow END, in " + state.describe());
            }
            if (feasibleCandidates == 0 && !mask[end]) {
                f.add("dead end: nothing is feasible and END is not allowed, in " + state.describe());
                return states;
            }
            if (mask[end] && !env.checker().checkSupport(instance, a).feasible()) {
                f.add("END is unmasked but stopping now is infeasible: " + env.checker().checkSupport(instance, a)
                        + " in " + state.describe());
            }
            if (candidateChecks) {
                for (int c = 0; c < n && f.room(); c++) {
                    boolean expected = !a.contains(c) && env.checker().isCompletable(instance, a.with(c));
                    if (mask[c] != expected) {
                        f.add((mask[c] ? "unsound mask: " : "incomplete mask: ") + env.describeCandidate(c) + " is "
                                + (mask[c] ? "unmasked" : "masked") + " but the checker says adding it is "
                                + (expected ? "feasible" : "infeasible") + ", in " + state.describe());
                    }
                }
            }
            int masked = firstMasked(mask, n, rng);
            if (masked >= 0) {
                DecodingState probe = state.copy();
                try {
                    probe.step(masked);
                    f.add("step(" + env.describeCandidate(masked) + ") accepted a masked action in " + state.describe());
                } catch (InfeasibleActionException expected) {
                    // the contract: masked actions are refused
                }
                boolean[] again = state.mask();
                if (!Arrays.equals(again, mask)) {
                    f.add("stepping a copy changed the original state " + state.describe());
                }
            }
            state.step(pickFeasible(mask, rng));
            steps++;
            if (steps > env.maxSteps() + 1) {
                f.add("rollout did not finish within maxSteps = " + env.maxSteps() + " (+ END): " + state.describe());
                return states;
            }
        }
        Support finalSet = state.support();
        if (finalSet.size() > env.maxSteps()) {
            f.add("|A| = " + finalSet.size() + " exceeds maxSteps = " + env.maxSteps());
        }
        FeasibilityReport rep = env.checker().checkSupport(instance, finalSet);
        if (!rep.feasible()) {
            f.add("a random feasible rollout ended infeasible: " + rep + " (" + state.describe() + ")");
        }
        state.mask(mask);
        for (boolean b : mask) {
            if (b) {
                f.add("a finished state still unmasks an action: " + state.describe());
                break;
            }
        }
        try {
            state.step(end);
            f.add("a finished state accepted another action: " + state.describe());
        } catch (InfeasibleActionException expected) {
            // finished states accept nothing
        }
        replay(env, instance, state.actions(), masks, f);
        return states;
    }

    private static <I> void replay(Environment<I> env, I instance, int[] actions, List<boolean[]> masks, Failures f) {
        DecodingState s = env.newState(instance);
        boolean[] mask = new boolean[env.candidateCount() + 1];
        for (int t = 0; t < actions.length; t++) {
            s.mask(mask);
            if (t < masks.size() && !Arrays.equals(mask, masks.get(t))) {
                f.add("steps are not deterministic: replaying " + Arrays.toString(actions) + " gave another mask at step " + t);
                return;
            }
            s.step(actions[t]);
        }
        if (!s.isDone()) {
            f.add("replaying " + Arrays.toString(actions) + " did not finish the state");
        }
    }

    private static int pickFeasible(boolean[] mask, UniformRandomProvider rng) {
        int count = 0;
        for (boolean b : mask) {
            if (b) {
                count++;
            }
        }
        int pick = rng.nextInt(count);
        for (int a = 0; a < mask.length; a++) {
            if (mask[a] && pick-- == 0) {
                return a;
            }
        }
        throw new IllegalStateException("unreachable");
    }

    private static int firstMasked(boolean[] mask, int n, UniformRandomProvider rng) {
        int start = rng.nextInt(n);
        for (int i = 0; i < n; i++) {
            int c = (start + i) % n;
            if (!mask[c]) {
                return c;
            }
        }
        return -1;
    }

    private static final class Failures {
        final List<String> list = new ArrayList<>();

        void add(String s) {
            if (list.size() < MAX_REPORTED) {
                list.add(s);
            }
        }

        boolean room() {
            return list.size() < MAX_REPORTED;
        }
    }
}
