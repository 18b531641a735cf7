package org.alloc4j.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import org.alloc4j.encoder.CellFreeFeatures;
import org.alloc4j.encoder.LinearLayer;
import org.alloc4j.encoder.NetworkBlock;
import org.alloc4j.encoder.Tensors;
import org.alloc4j.encoder.TwoTypeEdgeGnn;

/**
 * {@code cvln}, the source paper's cell-free CVLN (SPEC §4.3): the two-edge-type GNN with A fixed, a
 * per-link linear layer to w̃_mk ∈ C^N (scaled by sqrt(P) so the raw output is relative to the budget),
 * zero on links not in A, then the per-AP projection w_mk = w̃_mk·sqrt(P)/max(sqrt(P), ‖W̃_m‖_F).
 */
public final class CellFreeProjectionCvln extends NetworkBlock {
    private final TwoTypeEdgeGnn gnn;
    private final LinearLayer out;
    private final int antennas;

    public CellFreeProjectionCvln(int antennas, int width, int layers, boolean batchNorm) {
        this.antennas = antennas;
        gnn = addChildBlock("gnn", new TwoTypeEdgeGnn(CellFreeFeatures.edgeWidth(antennas), width, layers, batchNorm, false));
        out = addChildBlock("out", new LinearLayer(width, 2 * antennas, true));
    }

    /**
     * @param served (B, M, K) float32, 1 on links in A
     * @return beams (B, M, K, N)
     */
    public Beams beamform(ParameterStore ps, CellFreeFeatures f, NDArray served, boolean training) {
        NDArray raw = Tensors.toFloat64(out.apply(ps, gnn.apply(ps, f.edges(), served.expandDims(3), training).edges(), training));                                                // (B, M, K, 2N)
        NDArray root = f.powerW().sqrt().reshape(-1, 1, 1, 1);
        NDArray on = served.toType(DataType.FLOAT64, false).expandDims(3);
        NDArray re = raw.get(":, :, :, 0:" + antennas).mul(root).mul(on);
        NDArray im = raw.get(":, :, :, " + antennas + ":").mul(root).mul(on);
        // tiny offset: sqrt has an infinite derivative at 0 (APs that serve nobody)
        NDArray norm = re.square().add(im.square()).sum(new int[] {2, 3}, true).add(Tensors.scalar(re, 1e-30)).sqrt();
        NDArray scale = root.div(root.maximum(norm));
        return new Beams(re.mul(scale), im.mul(scale));
    }
}
