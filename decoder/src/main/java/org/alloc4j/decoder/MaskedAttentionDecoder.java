package org.alloc4j.decoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import org.alloc4j.encoder.Encoding;
import org.alloc4j.encoder.HostKernels;
import org.alloc4j.encoder.HostGraph;
import org.alloc4j.encoder.NetworkBlock;
import org.alloc4j.encoder.Tensors;
import org.alloc4j.encoder.TrainableVector;
import org.alloc4j.envs.DeadEndException;
import org.alloc4j.envs.DecodingState;
import org.alloc4j.envs.Environment;

/**
 * The decoder of SPEC §4.2: at every step a context network turns the partial support sets into a
 * query q_t; candidates get u_n = C·tanh(q_tᵀk_n/√d), END gets the same with a trainable key, every
 * infeasible action gets −∞ (after clipping), and a decoding strategy picks from the log-softmax.
 *
 * <p>The whole batch decodes in lock-step. The environment's decoding states give each row's mask;
 * a finished row's mask allows only END, whose log-probability is then exactly 0, so it adds nothing
 * to the log-likelihood. A row that is not finished but has nothing feasible is an environment bug
 * and raises {@link DeadEndException} before anything is sampled.
 */
public final class MaskedAttentionDecoder extends NetworkBlock {
    private final ContextNetwork context;
    private final TrainableVector endKey;
    private final int width;
    private final double clip;

    /**
     * @param context the context network (registered here as a child block)
     * @param width   d
     * @param clip    C
     * @param withEnd whether the environment has END; without it the END logit is always masked and no
     *                key is learned for it
     */
    public <C extends NetworkBlock & ContextNetwork> MaskedAttentionDecoder(C context, int width, double clip,
                                                                            boolean withEnd) {
        this.context = addChildBlock("context", context);
        this.endKey = withEnd ? addChildBlock("endKey", new TrainableVector(width)) : null;
        this.width = width;
        this.clip = clip;
    }

    /**
     * Decodes the given rows.
     *
     * @param env      the environment (for messages)
     * @param encoding encoder output for B instances
     * @param states   R = B × rowsPerInstance fresh decoding states, instance-major; they are stepped
     *                 in place (beam search continues from copies, returned in the result)
     * @param strategy how to choose actions
     * @param training record the graph for gradients
     */
    public DecodeResult decode(ParameterStore ps, Environment<?> env, Encoding encoding, List<DecodingState> states,
                               DecodingStrategy strategy, boolean training) {
        return decode(ps, env, encoding, states, strategy, training, null);
    }

    /**
     * Sees the mask and the masked log-probabilities of every step (tests, diagnostics). The arrays are
     * valid during the call only: outside training they are freed when the step ends.
     */
    @FunctionalInterface
    public interface StepObserver {
        /**
         * @param mask     (R, N+1) boolean
         * @param logProbs (R, N+1)
         */
        void onStep(int step, NDArray mask, NDArray logProbs);
    }

    /** As {@link #decode(ParameterStore, Environment, Encoding, List, DecodingStrategy, boolean)}, with an observer. */
    public DecodeResult decode(ParameterStore ps, Environment<?> env, Encoding encoding, List<DecodingState> states,
                               DecodingStrategy strategy, boolean training, StepObserver observer) {
        if (!training && observer == null && strategy instanceof Greedy g && g.allowsHost()
                && context instanceof HostDecodable host) {
            return decodeOnHost(ps, env, encoding, states, host);
        }
        LockStep run = new LockStep(ps, env, encoding, strategy, training, observer, states.size());
        NDManager manager = encoding.candidates().getManager();
        NDArray logLikelihood = manager.zeros(new Shape(states.size()));
        NDArray entropy = manager.zeros(new Shape(states.size()));
        List<DecodingState> current = new ArrayList<>(states);
        int step = 0;
        while (true) {
            // outside training every array of a step is freed when it ends, except what is carried on
            try (NDScope scope = training ? null : new NDScope()) {
                StepOutcome o = run.step(step, current, logLikelihood, entropy);
                if (o == null) {
                    break;
                }
                current = o.states();
                logLikelihood = o.logLikelihood();
                entropy = o.entropy();
                if (scope != null) {
                    NDScope.unregister(run.ctx.carried());
                    NDScope.unregister(logLikelihood, entropy);
                }
            }
            step++;
        }
        return new DecodeResult(current, logLikelihood, entropy, strategy.rowsPerInstance(), step);
    }

    /** The feasibility mask of an unfinished row into {@code into}; a row with no feasible action is a dead end. */
    private static void maskOf(Environment<?> env, DecodingState s, boolean[] into) {
        s.mask(into);
        for (boolean b : into) {
            if (b) {
                return;
            }
        }
        throw new DeadEndException(env.id(), s.describe());
    }

    /** A row still open at step index {@code step} (0-based) has exceeded maxSteps additions plus END. */
    private static void requireStepWithinBound(Environment<?> env, int step) {
        if (step > env.maxSteps()) {
            throw new IllegalStateException("decoding of " + env.id() + " did not finish within maxSteps + 1 = "
                    + (env.maxSteps() + 1) + " steps");
        }
    }

    /** What one step leaves for the next. */
    private record StepOutcome(List<DecodingState> states, NDArray logLikelihood, NDArray entropy) {
    }

    /** One decode call on tensors: the context and the step-independent tensors of R rows in lock-step. */
    private final class LockStep {
        private final Environment<?> env;
        private final DecoderContext ctx;
        private final DecodingStrategy strategy;
        private final StepObserver observer;
        private final int rows;
        private final int n;
        private final NDManager manager;
        private final NDArray end;        // (R, 1, d)
        private final NDArray scale;      // 1/√d
        private final NDArray clipC;      // C
        private final NDArray negInf;     // (R, N+1)
        private final NDArray zero;       // (R, N+1)
        private final boolean[] maskHost;
        private final boolean[] row;

        LockStep(ParameterStore ps, Environment<?> env, Encoding encoding, DecodingStrategy strategy, boolean training,
                 StepObserver observer, int rows) {
            this.env = env;
            this.strategy = strategy;
            this.observer = observer;
            this.rows = rows;
            n = env.candidateCount();
            manager = encoding.candidates().getManager();
            ctx = context.start(ps, encoding, strategy.rowsPerInstance(), training);
            end = endKey == null ? manager.zeros(new Shape(rows, 1, width))
                    : endKey.row(ps, manager, training).reshape(1, 1, width).broadcast(new Shape(rows, 1, width));
            scale = Tensors.scalar(encoding.candidates(), 1.0 / Math.sqrt(width));
            clipC = Tensors.scalar(encoding.candidates(), clip);
            negInf = manager.full(new Shape(rows, n + 1), Float.NEGATIVE_INFINITY);
            zero = manager.zeros(new Shape(rows, n + 1));
            maskHost = new boolean[rows * (n + 1)];
            row = new boolean[n + 1];
        }

        /** One lock-step decoding step; null when every row has finished. */
        StepOutcome step(int step, List<DecodingState> current, NDArray logLikelihood, NDArray entropy) {
            boolean anyOpen = false;
            for (int r = 0; r < rows; r++) {
                DecodingState s = current.get(r);
                if (s.isDone()) {
                    java.util.Arrays.fill(maskHost, r * (n + 1), (r + 1) * (n + 1), false);
                    maskHost[r * (n + 1) + n] = true;
                    continue;
                }
                anyOpen = true;
                requireStepWithinBound(env, step);
                maskOf(env, s, row);
                System.arraycopy(row, 0, maskHost, r * (n + 1), n + 1);
            }
            if (!anyOpen) {
                return null;
            }
            NDArray mask = Tensors.bools(manager, maskHost, new Shape(rows, n + 1));
            NDArray query = ctx.query(mask);                                                    // (R, d)
            NDArray keys = NDArrays.concat(new NDList(ctx.keys(), end), 1);                     // (R, N+1, d)
            NDArray compat = keys.batchMatMul(query.expandDims(2)).squeeze(2).mul(scale);       // (R, N+1)
            NDArray logits = NDArrays.where(mask, compat.tanh().mul(clipC), negInf);
            NDArray logProbs = logits.logSoftmax(1);
            if (observer != null) {
                observer.onStep(step, mask, logProbs);
            }
            if (strategy instanceof BeamSearch beam) {
                beam.observe(current);
            }
            Selection sel = strategy.select(logProbs, step);
            NDArray actions = Tensors.longs(manager, sel.actions(), new Shape(rows));
            NDArray chosen = logProbs.gather(actions.reshape(rows, 1), 1).squeeze(1);            // (R)
            // 0·(−∞) would poison the gradient: take the entropy over finite log-probabilities only
            NDArray safe = NDArrays.where(mask, logProbs, zero);
            NDArray stepEntropy = NDArrays.where(mask, safe.exp().mul(safe), zero).sum(new int[] {1}).neg();
            if (sel.parents() != null) {
                long[] p = new long[rows];
                List<DecodingState> next = new ArrayList<>(rows);
                for (int r = 0; r < rows; r++) {
                    p[r] = sel.parents()[r];
                    next.add(current.get(sel.parents()[r]).copy());
                }
                current = next;
                NDArray parents = Tensors.longs(manager, p, new Shape(rows));
                ctx.reorder(parents);
                logLikelihood = logLikelihood.get(parents);
                entropy = entropy.get(parents);
            }
            for (int r = 0; r < rows; r++) {
                DecodingState s = current.get(r);
                if (!s.isDone()) {
                    s.step((int) sel.actions()[r]);
                }
            }
            ctx.advance(actions);
            return new StepOutcome(current, logLikelihood.add(chosen), entropy.add(stepEntropy));
        }
    }

    /**
     * Greedy decoding with the per-step work on the host ({@link HostDecodable}): the same scores,
     * clipping, mask and log-softmax as the tensor path, row by row (greedy rows are independent).
     * Log-likelihood and entropy are returned as constant tensors.
     */
    private DecodeResult decodeOnHost(ParameterStore ps, Environment<?> env, Encoding encoding,
                                      List<DecodingState> states, HostDecodable host) {
        NDManager manager = encoding.candidates().getManager();
        float[] end = endKey == null ? null : endKey.onHost(ps, manager.getDevice());
        HostDecoded d = decodeOnHost(env, host.startOnHost(ps, encoding), end, states);
        return new DecodeResult(d.states(), manager.create(d.logLikelihood()), manager.create(d.entropy()), 1, d.steps());
    }

    /** What greedy decoding on the host returns: finished states, Σ log p and entropy per row, steps. */
    public record HostDecoded(List<DecodingState> states, float[] logLikelihood, float[] entropy, int steps) {
    }

    /** Whether {@link #onHost} is available. */
    public boolean decodesOnHost() {
        return context instanceof HostDecodable;
    }

    /**
     * A snapshot of the decoder's current parameters on the host, for greedy decoding of graphs encoded
     * on the host without any tensor. Later changes of the parameters do not reach it.
     *
     * @throws UnsupportedOperationException if the context network has no host path
     */
    public HostGreedy onHost(ParameterStore ps, ai.djl.Device device) {
        if (!(context instanceof HostDecodable host)) {
            throw new UnsupportedOperationException(context.getClass().getSimpleName() + " has no host path");
        }
        return new HostGreedy(host, host.weightsOnHost(ps, device), endKey == null ? null : endKey.onHost(ps, device));
    }

    /** Greedy decoding in plain Java from a parameter snapshot; see {@link #onHost}. */
    public final class HostGreedy {
        private final HostDecodable context;
        private final HostDecodable.HostWeights weights;
        private final float[] end;

        private HostGreedy(HostDecodable context, HostDecodable.HostWeights weights, float[] end) {
            this.context = context;
            this.weights = weights;
            this.end = end;
        }

        /** The same decisions as {@link #decode} with {@link Greedy}, for graphs encoded on the host, one per state. */
        public HostDecoded decode(Environment<?> env, List<HostGraph> graphs, List<DecodingState> states) {
            return decodeOnHost(env, context.startOnHost(weights, graphs), end, states);
        }
    }

    private HostDecoded decodeOnHost(Environment<?> env, HostDecodable.HostContext ctx, float[] end,
                                     List<DecodingState> states) {
        int rows = states.size();
        int n = env.candidateCount();
        double scale = 1.0 / Math.sqrt(width);
        float[] scores = new float[n];
        double[] logits = new double[n + 1];
        boolean[] mask = new boolean[n + 1];
        float[] logLikelihood = new float[rows];
        float[] entropy = new float[rows];
        int maxSteps = 0;
        for (int r = 0; r < rows; r++) {
            DecodingState s = states.get(r);
            int step = 0;
            while (!s.isDone()) {
                requireStepWithinBound(env, step);
                maskOf(env, s, mask);
                float[] q = ctx.scores(r, mask, scores);
                float endScore = 0;
                if (end != null) {
                    for (int j = 0; j < width; j++) {
                        endScore += end[j] * q[j];
                    }
                }
                int best = -1;
                double max = Double.NEGATIVE_INFINITY;
                for (int a = 0; a <= n; a++) {
                    if (!mask[a]) {
                        logits[a] = Double.NEGATIVE_INFINITY;
                        continue;
                    }
                    logits[a] = clip * HostKernels.tanh((a == n ? endScore : scores[a]) * scale);
                    if (logits[a] > max) {
                        max = logits[a];
                        best = a;
                    }
                }
                // entropy −Σ p_a (l_a − log Z) = log Z − Σ p_a l_a: one pass over the allowed actions
                double z = 0;
                double weightedLogits = 0;
                for (int a = 0; a <= n; a++) {
                    if (mask[a]) {
                        double w = Math.exp(logits[a] - max);
                        z += w;
                        weightedLogits += w * logits[a];
                    }
                }
                double logZ = max + Math.log(z);
                double h = Math.max(0, logZ - weightedLogits / z);     // ≥ 0; the difference can round below
                logLikelihood[r] += (float) (logits[best] - logZ);
                entropy[r] += (float) h;
                s.step(best);
                if (best < n) {
                    ctx.advance(r, best);
                }
                step++;
            }
            maxSteps = Math.max(maxSteps, step);
        }
        return new HostDecoded(new ArrayList<>(states), logLikelihood, entropy, maxSteps);
    }

    public int width() {
        return width;
    }

    /** The data type of every parameter and activation. */
    public static DataType dataType() {
        return DataType.FLOAT32;
    }
}
