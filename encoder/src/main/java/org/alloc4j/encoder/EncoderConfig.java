package org.alloc4j.encoder;

import org.alloc4j.envs.Check;

/**
 * Sizes of the encoder (SPEC §4.1).
 *
 * @param width     hidden size d (64; 128 optional)
 * @param layers    ENGNN layers
 * @param batchNorm batch normalisation after every linear layer of the MLPs
 */
public record EncoderConfig(int width, int layers, boolean batchNorm) {
    public EncoderConfig {
        Check.intIn("encoder", "width", width, 1, 4096);
        Check.intIn("encoder", "layers", layers, 0, 64);
    }

    public static EncoderConfig defaults() {
        return new EncoderConfig(64, 3, false);
    }
}
