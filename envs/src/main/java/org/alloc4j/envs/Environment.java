package org.alloc4j.envs;

import java.util.Map;
import org.alloc4j.envs.math.ComplexArray;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * A family of mixed-discrete resource-allocation problems (SPEC §1): a seeded instance generator,
 * the sequential support-set decoding with feasibility masks, the exact objective and an independent
 * feasibility checker.
 *
 * <p>Candidates are numbered {@code 0..N−1} with N = {@link #candidateCount()}; END is action N.
 * Implementations are immutable and thread-safe; the mutable part of decoding lives in
 * {@link DecodingState}.
 *
 * @param <I> the instance type (immutable, with value equality)
 */
public interface Environment<I> {

    /** Versioned id of the family, for example {@code cell-free-v1}. */
    String id();

    /** Every parameter of this configuration, in a stable order, as printable values. */
    Map<String, String> parameters();

    /** The instance class, so that generic code can check what it was given. */
    Class<I> instanceType();

    /** Number of discrete candidates N. */
    int candidateCount();

    /** The END action index (= N). */
    default int endAction() {
        return candidateCount();
    }

    /** Whether END is a decision (the constraints only bound |A| from above). */
    boolean endAllowed();

    /** Upper bound on |A|, hence on the number of non-END decoding steps. */
    int maxSteps();

    /** Draws one instance; all randomness comes from {@code rng}. */
    I sample(UniformRandomProvider rng);

    /** The same instance with another power budget [dBm] (per AP or total, as the environment defines). */
    I withPowerDbm(I instance, double powerDbm);

    /** The power budget of an instance [dBm]. */
    double powerDbm(I instance);

    /** A fresh decoding state with A = ∅. */
    DecodingState newState(I instance);

    /** The shape of a beamformer for this instance and support set. */
    int[] beamformerShape(I instance, Support support);

    /** A zero beamformer of the right shape (always feasible, rate 0). */
    default ComplexArray zeroBeamformer(I instance, Support support) {
        return ComplexArray.zeros(beamformerShape(instance, support));
    }

    /** The exact objective: sum rate [bit/s/Hz] in double precision. */
    double sumRate(I instance, Solution solution);

    /** The independent checker. */
    FeasibilityChecker<I> checker();

    /** A short description of a candidate, such as {@code link(AP 2, UE 3)}, for messages. */
    String describeCandidate(int candidate);
}
