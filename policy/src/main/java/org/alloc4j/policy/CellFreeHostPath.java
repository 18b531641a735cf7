package org.alloc4j.policy;

import java.util.ArrayList;
import java.util.List;
import org.alloc4j.decoder.MaskedAttentionDecoder;
import org.alloc4j.encoder.CellFreeEncoder;
import org.alloc4j.encoder.CellFreeFeatures;
import org.alloc4j.encoder.HostGraph;
import org.alloc4j.envs.DecodingState;
import org.alloc4j.envs.Support;
import org.alloc4j.envs.cellfree.CellFreeEnv;
import org.alloc4j.envs.cellfree.CellFreeInstance;
import org.alloc4j.envs.math.ComplexArray;

/**
 * Greedy decoding and {@code cvln-rzf} for cell-free in plain Java, from a snapshot of a policy's
 * parameters: the encoder, every decoding step and the CVLN run without a native call. At batch 1 the
 * tensor path is bound by some thousand DJL calls of 6–17 µs each, while the arithmetic is small, so
 * {@link LearnedMethods} use this path for small batches of small instances ({@link #faster}). Same functions as
 * the tensor path (float32 networks, float64 precoder), compared in {@code HostDecodingTest}. Later changes
 * of the parameters do not reach a snapshot.
 */
final class CellFreeHostPath implements HostSnapshot<CellFreeInstance> {
    private final CellFreeEnv env;
    private final CellFreeEncoder.Host encoder;
    private final MaskedAttentionDecoder.HostGreedy decoder;
    private final CellFreeRzfCvln.Host rzf;
    private final int width;

    CellFreeHostPath(CellFreeEnv env, CellFreeEncoder.Host encoder, MaskedAttentionDecoder.HostGreedy decoder,
                     CellFreeRzfCvln.Host rzf, int width) {
        this.env = env;
        this.encoder = encoder;
        this.decoder = decoder;
        this.rzf = rzf;
        this.width = width;
    }

    @Override
    public boolean faster(List<CellFreeInstance> batch) {
        CellFreeInstance first = batch.get(0);
        return HostSnapshot.smallEnough(batch.size(), (long) first.aps() * first.users(), width);
    }

    @Override
    public List<Support> decode(List<CellFreeInstance> batch) {
        List<HostGraph> graphs = new ArrayList<>(batch.size());
        List<DecodingState> states = new ArrayList<>(batch.size());
        for (CellFreeInstance inst : batch) {
            graphs.add(encoder.encode(CellFreeFeatures.edgesOf(inst), inst.aps(), inst.users()));
            states.add(env.newState(inst));
        }
        List<Support> out = new ArrayList<>(batch.size());
        for (DecodingState s : decoder.decode(env, graphs, states).states()) {
            out.add(s.support());
        }
        return out;
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
