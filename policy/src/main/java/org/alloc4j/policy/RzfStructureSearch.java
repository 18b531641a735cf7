package org.alloc4j.policy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import org.alloc4j.encoder.CellFreeFeatures;
import org.alloc4j.encoder.Tensors;

/**
 * {@code rzf-opt}: the {@code cvln-rzf} structure (SPEC §4.3) with its three numbers per link
 * optimised for each instance separately, by Adam on the instance's sum rate, starting from the
 * trained CVLN's output. The best iterate of every instance is kept, so it is never below
 * {@code cvln-rzf}; it measures how far the CVLN is from the best beamformer its structure can express
 * (an upper reference, not a fast method: {@link #STEPS} forward and backward passes).
 */
final class RzfStructureSearch {
    /** Adam steps per instance. */
    static final int STEPS = 1000;
    /** Adam step size on the scores z. */
    static final double LEARNING_RATE = 0.05;
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;

    private RzfStructureSearch() {
    }

    /**
     * @param start  the CVLN's scores, (B, M, K, 3) float64
     * @param served (B, M, K) float32, 1 on links in A
     * @return the beams of each row's best scores
     */
    static Beams search(CellFreeFeatures f, NDArray served, NDArray start) {
        NDManager manager = start.getManager();
        NDArray z = start.duplicate();
        NDArray best = start.duplicate();
        NDArray bestRate = rates(f, served, start);
        NDArray first = manager.zeros(z.getShape(), z.getDataType());
        NDArray second = manager.zeros(z.getShape(), z.getDataType());
        for (int step = 1; step <= STEPS; step++) {
            // every array of a step is freed when it ends, except the state carried to the next
            try (NDScope scope = new NDScope()) {
                NDArray x = z.duplicate();
                x.setRequiresGradient(true);
                NDArray rate;
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    rate = TensorSumRate.cellFree(f.channelRe(), f.channelIm(), CellFreeRzfCvln.fromScores(f, served, x));
                    gc.backward(rate.sum().neg());
                }
                // the rate of x, the iterate before this step
                NDArray better = rate.gt(bestRate);
                NDArray rowMask = better.reshape(-1, 1, 1, 1).broadcast(z.getShape());
                NDArray g = x.getGradient();
                NDArray m1 = first.mul(Tensors.scalar(first, BETA1)).add(g.mul(Tensors.scalar(g, 1 - BETA1)));
                NDArray m2 = second.mul(Tensors.scalar(second, BETA2)).add(g.square().mul(Tensors.scalar(g, 1 - BETA2)));
                double c1 = 1 - Math.pow(BETA1, step);
                double c2 = 1 - Math.pow(BETA2, step);
                NDArray move = m1.div(Tensors.scalar(m1, c1))
                        .div(m2.div(Tensors.scalar(m2, c2)).sqrt().add(Tensors.scalar(m2, 1e-8)))
                        .mul(Tensors.scalar(m1, LEARNING_RATE));
                NDArray[] next = {NDArrays.where(rowMask, x.stopGradient(), best), NDArrays.maximum(rate, bestRate),
                        z.sub(move), m1, m2};
                NDScope.unregister(next);
                for (NDArray a : new NDArray[] {best, bestRate, z, first, second}) {
                    a.close();
                }
                best = next[0];
                bestRate = next[1];
                z = next[2];
                first = next[3];
                second = next[4];
            }
        }
        return CellFreeRzfCvln.fromScores(f, served, NDArrays.where(
                rates(f, served, z).gt(bestRate).reshape(-1, 1, 1, 1).broadcast(z.getShape()), z, best));
    }

    private static NDArray rates(CellFreeFeatures f, NDArray served, NDArray z) {
        return TensorSumRate.cellFree(f.channelRe(), f.channelIm(), CellFreeRzfCvln.fromScores(f, served, z));
    }
}
