package org.alloc4j.decoder;

import org.alloc4j.envs.Check;

/**
 * Sizes of the decoder (SPEC §4.2).
 *
 * @param width         hidden size d
 * @param clip          C in u = C·tanh(qᵀk/√d) (10)
 * @param glimpseHeads  heads of the movable-antenna glimpse (8)
 * @param cellFreeContext which cell-free context network: {@code dynamic} (cached encoder outputs plus
 *                      per-step sums of the chosen links at each AP and UE; the default) or {@code gnn}
 *                      (the paper's two-edge-type GNN, re-run at every step)
 * @param contextLayers layers of the paper's context GNN
 */
public record DecoderConfig(int width, double clip, int glimpseHeads, String cellFreeContext, int contextLayers) {
    public DecoderConfig {
        Check.intIn("decoder", "width", width, 1, 4096);
        Check.finiteAbove("decoder", "clip", clip, 0, 1e6);
        Check.intIn("decoder", "glimpseHeads", glimpseHeads, 1, 64);
        if (width % glimpseHeads != 0) {
            throw org.alloc4j.envs.InvalidConfigurationException.of("decoder", "glimpseHeads", glimpseHeads,
                    "a divisor of width = " + width);
        }
        if (!cellFreeContext.equals("dynamic") && !cellFreeContext.equals("gnn")) {
            throw org.alloc4j.envs.InvalidConfigurationException.of("decoder", "cellFreeContext", cellFreeContext,
                    "dynamic or gnn");
        }
        Check.intIn("decoder", "contextLayers", contextLayers, 1, 16);
    }

    public static DecoderConfig defaults() {
        return new DecoderConfig(64, 10, 8, "dynamic", 2);
    }
}
