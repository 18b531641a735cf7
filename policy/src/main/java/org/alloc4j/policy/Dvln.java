package org.alloc4j.policy;

import org.alloc4j.decoder.MaskedAttentionDecoder;
import org.alloc4j.encoder.NetworkBlock;

/** The discrete-variable network: encoder and masked attention decoder (one parameter group). */
final class Dvln extends NetworkBlock {
    final NetworkBlock encoder;
    final MaskedAttentionDecoder decoder;

    Dvln(NetworkBlock encoder, MaskedAttentionDecoder decoder) {
        this.encoder = addChildBlock("encoder", encoder);
        this.decoder = addChildBlock("decoder", decoder);
    }
}
