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
 * {@link LearnedMethods} use this path for small batches, and for any batch of small networks
 * ({@link #faster}). Same functions as
 * the tensor path (float32 networks, float64 precoder), compared in {@code HostDecodingTest}. Later changes
 * of the parameters do not reach a snapshot.
 */
final class CellFreeHostPath extends HostPath<CellFreeInstance> {
    /**
     * Graph edges × d² (M·K·d²) up to which the host path is faster at any batch size. Since it computes
     * 16 instances at once, throwaway loop, {@code Policy.allocate} against the host path alternating in one
     * process, AVX-512 host, ms per instance tensors / host (last rounds): cell-free-v1 d = 16 (12 288,
     * runs/cf16p2) batch 16 0.32 / 0.11, 64 0.19–0.20 / 0.11–0.12, 1 000 0.12–0.13 / 0.11; untrained,
     * batch 1 000: d = 32 (49 152) 0.23–0.32 / 0.19–0.23, d = 64 (196 608) 0.58–0.88 / 0.54–0.59, d = 128
     * (786 432) 1.76–2.41 / 2.01–2.06, even; cell-free-large-v1 d = 16 (49 152) 0.59–0.88 / 0.45–0.46, d = 64
     * (786 432) batch 16 2.16–2.29 / 1.92–1.94 and 1 000 2.34–2.39 / 1.98–2.04, d = 128 (3 145 728) 6.26–6.66
     * / 7.05–7.12. Before the groups (one instance at a time) the host path was ahead on cell-free-v1 at d = 16
     * only, up to batch 32.
     */
    static final long ANY_BATCH_WORK = 800_000;

    private final CellFreeEncoder.Host encoder;
    private final CellFreeRzfCvln.Host rzf;

    CellFreeHostPath(CellFreeEnv env, CellFreeEncoder.Host encoder, MaskedAttentionDecoder.HostGreedy decoder,
                     CellFreeRzfCvln.Host rzf, int width) {
        super(env, decoder, width, ANY_BATCH_WORK);
        this.encoder = encoder;
        this.rzf = rzf;
    }

    @Override
    List<HostGraph> encode(List<CellFreeInstance> instances) {
        List<float[]> edges = new ArrayList<>(instances.size());
        for (CellFreeInstance inst : instances) {
            edges.add(CellFreeFeatures.edgesOf(inst));
        }
        CellFreeInstance first = instances.get(0);
        return encoder.encodeAll(edges, first.aps(), first.users());
    }

    @Override
    long graphEdges(CellFreeInstance inst) {
        return (long) inst.aps() * inst.users();
    }

    @Override
    String cvln() {
        return CellFreeNetworks.RZF;
    }

    @Override
    List<ComplexArray> beams(List<CellFreeInstance> instances, List<Support> supports) {
        List<boolean[]> served = new ArrayList<>(instances.size());
        for (int i = 0; i < instances.size(); i++) {
            CellFreeInstance inst = instances.get(i);
            served.add(supports.get(i).toIndicator(inst.aps() * inst.users()));
        }
        List<double[][]> w = rzf.beams(instances, served);
        List<ComplexArray> out = new ArrayList<>(instances.size());
        for (int i = 0; i < instances.size(); i++) {
            out.add(CellFreeNetworks.withinBudgets(instances.get(i), w.get(i)[0], w.get(i)[1]));
        }
        return out;
    }
}
