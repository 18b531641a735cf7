package org.alloc4j.encoder;

/**
 * A copy of an {@link Mlp}'s parameters on the host, evaluated in plain Java: for the per-step work of
 * greedy inference, where a handful of small products cost less than the native calls around them.
 * Batch normalisation is not supported (the MLPs used this way have none).
 */
public final class HostMlp {
    private final float[] w1;     // (hidden, in), row-major
    private final float[] b1;     // (hidden)
    private final float[] w2;     // (out, hidden)
    private final float[] b2;     // (out)
    private final int in;
    private final int hidden;
    private final int out;
    private final boolean finalRelu;

    HostMlp(float[] w1, float[] b1, float[] w2, float[] b2, int in, int hidden, int out, boolean finalRelu) {
        this.w1 = w1;
        this.b1 = b1;
        this.w2 = w2;
        this.b2 = b2;
        this.in = in;
        this.hidden = hidden;
        this.out = out;
        this.finalRelu = finalRelu;
    }

    public int inputWidth() {
        return in;
    }

    /** The MLP of {@code x} (in) into {@code y} (out); {@code scratch} holds at least {@code hidden} floats. */
    public void apply(float[] x, float[] scratch, float[] y) {
        for (int h = 0; h < hidden; h++) {
            float s = b1[h];
            int o = h * in;
            for (int i = 0; i < in; i++) {
                s += w1[o + i] * x[i];
            }
            scratch[h] = Math.max(s, 0f);
        }
        for (int j = 0; j < out; j++) {
            float s = b2[j];
            int o = j * hidden;
            for (int h = 0; h < hidden; h++) {
                s += w2[o + h] * scratch[h];
            }
            y[j] = finalRelu ? Math.max(s, 0f) : s;
        }
    }

    public int hiddenWidth() {
        return hidden;
    }
}
