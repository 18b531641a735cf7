package org.alloc4j.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import org.alloc4j.encoder.CellFreeFeatures;
import org.alloc4j.encoder.LinearLayer;
import org.alloc4j.encoder.NetworkBlock;
import org.alloc4j.encoder.Tensors;
import org.alloc4j.encoder.TwoTypeEdgeGnn;

/**
 * {@code cvln-rzf}, the structured per-AP RZF CVLN of SPEC §4.3 (the library's default for cell-free).
 * The two-edge-type GNN with A fixed gives three numbers per link (z¹, z², z³); per AP m:
 * <ul>
 *   <li>v_mk = (I_N + Σ_{j=1..K} softplus(z¹_mj − 1.7)·(P/σ²)·h_mj h_mjᴴ)⁻¹ h_mk — the SPEC's
 *       λ_mj = softplus(z¹_mj)·P‖h_mj‖²/σ² weighting the unit-norm ĥ_mj ĥ_mjᴴ, which is the same
 *       matrix; the offset 1.7 starts near λ-weights of 1/6, i.e. near RZF;</li>
 *   <li>p_mk = P·sigmoid(mean_{k∈A_m} z³_mk + 3)·softmax_{k∈A_m}(z²_mk);</li>
 *   <li>w_mk = sqrt(p_mk)·v_mk/‖v_mk‖ on links in A, exactly zero elsewhere.</li>
 * </ul>
 * Per-AP power Σ_k p_mk < P by construction. The N×N complex inverse runs in float64 through the
 * real 2N×2N embedding.
 */
public final class CellFreeRzfCvln extends NetworkBlock {
    private final TwoTypeEdgeGnn gnn;
    private final LinearLayer out;

    public CellFreeRzfCvln(int antennas, int width, int layers, boolean batchNorm) {
        gnn = addChildBlock("gnn", new TwoTypeEdgeGnn(CellFreeFeatures.edgeWidth(antennas), width, layers, batchNorm, true));
        out = addChildBlock("out", new LinearLayer(width, 3, true));
    }

    /**
     * @param served (B, M, K) float32, 1 on links in A
     * @return beams (B, M, K, N)
     */
    public Beams beamform(ParameterStore ps, CellFreeFeatures f, NDArray served, boolean training) {
        NDArray z = Tensors.toFloat64(out.apply(ps, gnn.apply(ps, f.edges(), served.expandDims(3), training).edges(), training));                                                // (B, M, K, 3)
        NDArray on = served.toType(DataType.FLOAT64, false);
        NDArray active = served.gt(Tensors.scalar(served, 0.5));
        NDArray power = f.powerW().reshape(-1, 1, 1);                                           // (B, 1, 1)
        NDArray lambda = Activation.softPlus(z.get(":, :, :, 0").sub(Tensors.scalar(z, 1.7))).mul(power);
        NDArray one = Tensors.scalar(on, 1.0);
        NDArray meanZ3 = z.get(":, :, :, 2").mul(on).sum(new int[] {2}, true).div(on.sum(new int[] {2}, true).maximum(one));
        NDArray fraction = Activation.sigmoid(meanZ3.add(Tensors.scalar(z, 3.0)));              // (B, M, 1)
        NDArray z2 = z.get(":, :, :, 1");
        NDArray e = z2.sub(z2.max(new int[] {2}, true)).exp().mul(on);
        // floor 1e-30, not smaller: its square must not underflow in the quotient's derivative
        NDArray share = e.div(e.sum(new int[] {2}, true).maximum(Tensors.scalar(e, 1e-30)));
        NDArray p = power.mul(fraction).mul(share);                                              // (B, M, K)
        NDArray hRe = f.channelRe().swapAxes(2, 3);                                              // (B, M, N, K)
        NDArray hIm = f.channelIm().swapAxes(2, 3);
        NDArray[] w = StructuredPrecoding.beams(hRe, hIm, lambda, p, active);
        return new Beams(w[0].swapAxes(2, 3), w[1].swapAxes(2, 3));
    }
}
