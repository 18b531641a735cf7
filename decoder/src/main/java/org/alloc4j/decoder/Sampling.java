package org.alloc4j.decoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.alloc4j.encoder.Tensors;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Samples every action from softmax(logits/τ) by the Gumbel-max trick, with the Gumbel noise drawn on
 * the host from a seeded {@link UniformRandomProvider} (DJL's PyTorch engine has no categorical
 * sampler, and host draws keep runs reproducible). Masked actions have log-probability −∞, so they are
 * never drawn whatever the noise. With {@code rowsPerInstance} S > 1 it draws S independent sets per
 * instance (best-of-S sampling; the caller keeps the best).
 */
public final class Sampling implements DecodingStrategy {
    private final double temperature;
    private final int rows;
    private final UniformRandomProvider rng;

    public Sampling(double temperature, int rowsPerInstance, UniformRandomProvider rng) {
        if (!(temperature > 0) || rowsPerInstance < 1) {
            throw new IllegalArgumentException("sampling needs temperature > 0 and rowsPerInstance >= 1, got "
                    + temperature + " and " + rowsPerInstance);
        }
        this.temperature = temperature;
        this.rows = rowsPerInstance;
        this.rng = rng;
    }

    /** One sample per instance at temperature 1 (training). */
    public Sampling(UniformRandomProvider rng) {
        this(1.0, 1, rng);
    }

    @Override
    public int rowsPerInstance() {
        return rows;
    }

    @Override
    public Selection select(NDArray logProbs, int step) {
        Shape shape = logProbs.getShape();
        int size = (int) shape.size();
        float[] gumbel = new float[size];
        for (int i = 0; i < size; i++) {
            // u in (0, 1): never 0 or 1, so the noise is finite
            double u = ((rng.nextLong() >>> 11) + 0.5) * 0x1.0p-53;
            gumbel[i] = (float) -Math.log(-Math.log(u));
        }
        try (NDArray noise = Tensors.floats(logProbs.getManager(), gumbel, shape)) {
            NDArray scaled = temperature == 1.0 ? logProbs : logProbs.mul(Tensors.scalar(logProbs, 1.0 / temperature));
            return new Selection(scaled.add(noise).argMax(1).toLongArray(), null);
        }
    }

    @Override
    public String name() {
        return rows == 1 ? "sampling" : "best-of-" + rows;
    }
}
