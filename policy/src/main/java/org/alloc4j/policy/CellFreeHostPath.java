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
    /**
     * Graphs with M·K·d² up to this are decided here in batches of up to {@link #SMALL_WORK_BATCH_LIMIT}.
     * Throwaway loop, the tensor pass and the host path instance by instance alternating in one process,
     * median ms per instance tensors / host:
     * <ul>
     *   <li>cell-free-v1, d = 16 (12 288), runs/cf16p2: batch 4 5.34 / 0.87, 8 2.74 / 0.87, 16 1.72 / 0.79,
     *       32 1.04 / 0.74, 64 0.65 / 0.78, 128 0.49 / 0.64;</li>
     *   <li>cell-free-tiny-v1 at batch 33, untrained: d = 16 (1 536) 0.69 / 0.29, d = 32 (6 144) 0.77 / 0.63,
     *       d = 64 (24 576) 0.93 / 2.22, so not that one;</li>
     *   <li>cell-free-large-v1, d = 16 (49 152), batch 33: 2.28 / 2.54, even;</li>
     *   <li>cell-free-v1, d = 64 (196 608): batch 4 5.94 / 5.46, 8 3.44 / 4.57 — larger graphs keep
     *       {@link Policy#HOST_BATCH_LIMIT}.</li>
     * </ul>
     * The crossing depends on the host: on an AVX-512 host (a re-trained cell-free-v1 d = 16 policy,
     * {@code Policy.allocate} against the host path) batch 16 0.240 / 0.227, 32 0.201 / 0.227, 64 0.165 /
     * 0.228. 32 is kept: it cost 13 % there and saved 29 % on the host of the list (BENCHMARKS.md).
     */
    static final long SMALL_WORK = 20_000;
    /** See {@link #SMALL_WORK}. */
    static final int SMALL_WORK_BATCH_LIMIT = 32;

    private final CellFreeEncoder.Host encoder;
    private final CellFreeRzfCvln.Host rzf;

    CellFreeHostPath(CellFreeEnv env, CellFreeEncoder.Host encoder, MaskedAttentionDecoder.HostGreedy decoder,
                     CellFreeRzfCvln.Host rzf, int width) {
        super(env, decoder, width, SMALL_WORK, SMALL_WORK_BATCH_LIMIT);
        this.encoder = encoder;
        this.rzf = rzf;
    }

    /** Instance by instance: the cell-free graphs are long enough for the vectorised loops on their own. */
    @Override
    List<HostGraph> encode(List<CellFreeInstance> instances) {
        List<HostGraph> out = new ArrayList<>(instances.size());
        for (CellFreeInstance inst : instances) {
            out.add(encoder.encode(CellFreeFeatures.edgesOf(inst), inst.aps(), inst.users()));
        }
        return out;
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
        List<ComplexArray> out = new ArrayList<>(instances.size());
        for (int i = 0; i < instances.size(); i++) {
            CellFreeInstance inst = instances.get(i);
            double[][] w = rzf.beams(inst, supports.get(i).toIndicator(inst.aps() * inst.users()));
            out.add(CellFreeNetworks.withinBudgets(inst, w[0], w[1]));
        }
        return out;
    }
}
