package org.alloc4j.decoder;

import ai.djl.training.ParameterStore;
import org.alloc4j.encoder.Encoding;

/** Builds the context of SPEC §4.2 from an encoding; one implementation per environment family. */
public interface ContextNetwork {

    /**
     * Starts decoding.
     *
     * @param encoding        the encoder's output for B instances
     * @param rowsPerInstance tracks per instance (1, or S for best-of-S, W for beam search); rows are
     *                        instance-major: row r belongs to instance r / rowsPerInstance
     */
    DecoderContext start(ParameterStore ps, Encoding encoding, int rowsPerInstance, boolean training);
}
