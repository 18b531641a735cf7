package org.alloc4j.policy;

import org.alloc4j.decoder.DecoderConfig;
import org.alloc4j.encoder.EncoderConfig;
import org.alloc4j.envs.Check;

/**
 * Every architecture choice of the networks (SPEC §4); saved with checkpoints and compared on load.
 *
 * @param width           hidden size d (64)
 * @param encoderLayers   ENGNN layers of the DVLN encoder (3)
 * @param cvlnLayers      GNN layers of the CVLNs (2)
 * @param criticLayers    ENGNN layers of the critic (2)
 * @param batchNorm       batch normalisation in the MLPs (off by default; the paper uses it for cell-free)
 * @param clip            logit clip C (10)
 * @param glimpseHeads    heads of the movable-antenna glimpse (8)
 * @param cellFreeContext {@code dynamic} (default, cached encoder outputs) or {@code gnn} (the paper's)
 * @param contextLayers   layers of the paper's context GNN (2)
 * @param jointCvln       cell-free: also build {@code cvln-joint}, the joint-transmission structured CVLN
 * @param structureFeatures cell-free: {@code cvln-rzf} and {@code cvln-joint} also read the structure
 *                        features of {@link org.alloc4j.encoder.CellFreeFeatures} (on; off in
 *                        checkpoints written before they existed)
 * @param cvlnPasses      cell-free: passes of {@code cvln-rzf}, the first and the refinements of its own
 *                        beams (2; 1 in checkpoints written before the option; {@link CellFreeRzfCvln})
 */
public record ModelConfig(int width, int encoderLayers, int cvlnLayers, int criticLayers, boolean batchNorm,
                          double clip, int glimpseHeads, String cellFreeContext, int contextLayers, boolean jointCvln,
                          boolean structureFeatures, int cvlnPasses) {
    public ModelConfig {
        Check.intIn("model", "width", width, 1, 4096);
        Check.intIn("model", "encoderLayers", encoderLayers, 0, 32);
        Check.intIn("model", "cvlnLayers", cvlnLayers, 0, 32);
        Check.intIn("model", "criticLayers", criticLayers, 0, 32);
        Check.intIn("model", "cvlnPasses", cvlnPasses, 1, 8);
        new DecoderConfig(width, clip, glimpseHeads, cellFreeContext, contextLayers);
    }

    public static ModelConfig defaults() {
        return new ModelConfig(64, 3, 2, 2, false, 10, 8, "dynamic", 2, false, true, 2);
    }

    /** This configuration with hidden size d = {@code width}. */
    public ModelConfig withWidth(int width) {
        return new ModelConfig(width, encoderLayers, cvlnLayers, criticLayers, batchNorm, clip, glimpseHeads,
                cellFreeContext, contextLayers, jointCvln, structureFeatures, cvlnPasses);
    }

    /**
     * What a checkpoint that does not name a field meant by it: the defaults, except for fields added
     * later, which take the value that reproduces the architecture from before they existed.
     */
    public static ModelConfig absentFieldValues() {
        return new ModelConfig(64, 3, 2, 2, false, 10, 8, "dynamic", 2, false, false, 1);
    }

    public EncoderConfig encoder() {
        return new EncoderConfig(width, encoderLayers, batchNorm);
    }

    public EncoderConfig critic() {
        return new EncoderConfig(width, criticLayers, batchNorm);
    }
}
