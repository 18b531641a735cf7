package org.alloc4j.policy;

import java.util.ArrayList;
import java.util.List;
import org.alloc4j.decoder.MaskedAttentionDecoder;
import org.alloc4j.encoder.CellFreeEncoder;
import org.alloc4j.encoder.CellFreeFeatures;
import org.alloc4j.encoder.HostGraph;
import org.alloc4j.envs.cellfree.CellFreeEnv;
import org.alloc4j.envs.cellfree.CellFreeInstance;
import org.alloc4j.envs.Support;
import org.alloc4j.envs.math.ComplexArray;

/**
 * Greedy decoding and {@code cvln-rzf} for cell-free in plain Java, from a snapshot of a policy's
 * parameters: the encoder, every decoding step and the CVLN run without a native call. At batch 1 the
 * tensor path is bound by some thousand DJL calls of 6–17 µs each, while the arithmetic is small, so
 * {@link LearnedMethods} use this path for small batches of small instances ({@link #faster}). Same functions as
 * the tensor path (float32 networks, float64 precoder), compared in {@code HostDecodingTest}. Later changes
 * of the parameters do not reach a snapshot.
 */
final class CellFreeHostPath extends HostPath<CellFreeInstance> {
    private final CellFreeEncoder.Host encoder;
    private final CellFreeRzfCvln.Host rzf;

    CellFreeHostPath(CellFreeEnv env, CellFreeEncoder.Host encoder, MaskedAttentionDecoder.HostGreedy decoder,
                     CellFreeRzfCvln.Host rzf, int width) {
        // not at large batches: at batch 1 000 on cell-free-v1 (d = 16) the tensor path took 0.31 ms per
        // instance, the host path 0.21 (decoding) + 0.24 (cvln-rzf) at batch 1 (bench, BENCHMARKS.md)
        super(env, decoder, width, 0);
        this.encoder = encoder;
        this.rzf = rzf;
    }

    @Override
    HostGraph encode(CellFreeInstance inst) {
        return encoder.encode(CellFreeFeatures.edgesOf(inst), inst.aps(), inst.users());
    }

    @Override
    long graphEdges(CellFreeInstance inst) {
        return (long) inst.aps() * inst.users();
    }

    @Override
    public List<ComplexArray> beamform(String cvln, List<CellFreeInstance> batch, List<Support> supports) {
        if (!CellFreeNetworks.RZF.equals(cvln)) {
            throw new IllegalArgumentException("the host path runs " + CellFreeNetworks.RZF + ", not " + cvln);
        }
        List<ComplexArray> out = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            CellFreeInstance inst = batch.get(i);
            double[][] w = rzf.beams(inst, supports.get(i).toIndicator(inst.aps() * inst.users()));
            out.add(CellFreeNetworks.withinBudgets(inst, w[0], w[1]));
        }
        return out;
    }
}
