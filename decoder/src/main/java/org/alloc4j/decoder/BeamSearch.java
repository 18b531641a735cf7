package org.alloc4j.decoder;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.alloc4j.envs.DecodingState;
import org.alloc4j.envs.Support;

/**
 * Beam search over support sets: keeps the W partial sets of highest log-likelihood per instance. Two
 * orders of the same set count once (the set, not the sequence, is the solution), and a finished set
 * stays in the beam with its score. At the start only the first row of each instance is alive, so the
 * beam does not fill with copies.
 */
public final class BeamSearch implements DecodingStrategy {
    private final int width;
    private double[] scores;
    private List<DecodingState> states;

    public BeamSearch(int width) {
        if (width < 1) {
            throw new IllegalArgumentException("beam width must be >= 1, got " + width);
        }
        this.width = width;
    }

    @Override
    public int rowsPerInstance() {
        return width;
    }

    /** Called by the decoder before every step with the rows' current states. */
    void observe(List<DecodingState> rowStates) {
        this.states = rowStates;
        if (scores == null) {
            scores = new double[rowStates.size()];
            for (int r = 0; r < scores.length; r++) {
                scores[r] = r % width == 0 ? 0 : Double.NEGATIVE_INFINITY;
            }
        }
    }

    /** Cumulative log-likelihood of every row after the last step. */
    public double[] scores() {
        return scores.clone();
    }

    @Override
    public Selection select(NDArray logProbs, int step) {
        int rows = (int) logProbs.getShape().get(0);
        int actions = (int) logProbs.getShape().get(1);
        float[] lp = logProbs.toFloatArray();
        long[] chosen = new long[rows];
        int[] parents = new int[rows];
        double[] next = new double[rows];
        for (int inst = 0; inst < rows / width; inst++) {
            List<double[]> cand = new ArrayList<>();
            for (int w = 0; w < width; w++) {
                int r = inst * width + w;
                if (scores[r] == Double.NEGATIVE_INFINITY) {
                    continue;
                }
                for (int a = 0; a < actions; a++) {
                    float v = lp[r * actions + a];
                    if (v != Float.NEGATIVE_INFINITY) {
                        cand.add(new double[] {scores[r] + v, r, a});
                    }
                }
            }
            cand.sort((x, y) -> x[0] != y[0] ? Double.compare(y[0], x[0])
                    : x[1] != y[1] ? Double.compare(x[1], y[1]) : Double.compare(x[2], y[2]));
            Set<Hypothesis> taken = new HashSet<>();
            int filled = 0;
            for (double[] c : cand) {
                if (filled == width) {
                    break;
                }
                int r = (int) c[1];
                int a = (int) c[2];
                Support s = states.get(r).support();
                Support after = a == actions - 1 || s.contains(a) ? s : s.with(a);
                boolean finished = a == actions - 1 || states.get(r).isDone();
                if (!taken.add(new Hypothesis(after, finished))) {
                    continue;
                }
                int row = inst * width + filled++;
                chosen[row] = a;
                parents[row] = r;
                next[row] = c[0];
            }
            for (; filled < width; filled++) {
                int row = inst * width + filled;
                int src = parents[inst * width];
                chosen[row] = chosen[inst * width];
                parents[row] = src;
                next[row] = Double.NEGATIVE_INFINITY;
            }
        }
        scores = next;
        return new Selection(chosen, parents);
    }

    /** A set and whether it is finished: finished and unfinished copies are different hypotheses. */
    private record Hypothesis(Support set, boolean finished) {
    }

    @Override
    public String name() {
        return "beam-" + width;
    }
}
