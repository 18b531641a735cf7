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
 * {@code cvln-joint}: a structured CVLN with joint transmission — the project's extension of
 * {@code cvln-rzf}, whose per-AP structure cannot coordinate APs (on {@code cell-free-tiny-v1} local
 * precoders reach about 0.67 of greedy+WMMSE with greedy sets where joint RZF reaches 0.93).
 *
 * <p>It is the generalised optimal structure with per-AP constraints (baselines.md §4): for UE k,
 * over the antennas of its serving APs (D_k),
 * v_k = (D_k (Σ_j λ_j h_j h_jᴴ) D_k + diag(μ_m))⁻¹ D_k h_k, with per-UE weights λ_j = P·softplus(·),
 * per-AP loadings μ_m = softplus(·) and per-UE powers p = ΣP·softmax(·), all from the two-edge-type GNN
 * with A fixed (means of per-link outputs). Beams w_k = sqrt(p_k)·v_k/‖v_k‖ are then scaled by one
 * common factor so that every AP meets its budget, the tightest with equality (a common factor keeps
 * the directions). Initially λ = P/6, μ = 1: joint RZF. Each UE needs an MN×MN complex solve (real
 * 2MN×2MN) in float64.
 */
public final class CellFreeJointCvln extends NetworkBlock {
    private final boolean structureFeatures;
    private final TwoTypeEdgeGnn gnn;
    private final LinearLayer out;

    public CellFreeJointCvln(int antennas, int width, int layers, boolean batchNorm, boolean structureFeatures) {
        this.structureFeatures = structureFeatures;
        gnn = addChildBlock("gnn", new TwoTypeEdgeGnn(CellFreeFeatures.cvlnInputWidth(antennas, structureFeatures), width, layers, batchNorm, true));
        out = addChildBlock("out", new LinearLayer(width, 3, true));
    }

    /**
     * @param served (B, M, K) float32, 1 on links in A
     * @return beams (B, M, K, N)
     */
    public Beams beamform(ParameterStore ps, CellFreeFeatures f, NDArray served, boolean training) {
        long b = served.getShape().get(0);
        int m = f.aps();
        int k = f.users();
        int n = f.antennas();
        NDArray z = Tensors.toFloat64(out.apply(ps, gnn.apply(ps, f.cvlnInput(structureFeatures), served.expandDims(3), training).edges(), training));
        NDArray on = served.toType(DataType.FLOAT64, false);                                     // (B, M, K)
        NDArray power = f.powerW().reshape(-1, 1);                                                // (B, 1)
        NDArray lambda = Activation.softPlus(z.get(":, :, :, 0").mean(new int[] {1}).sub(Tensors.scalar(z, 1.7)))
                .mul(power);                                                                       // (B, K)
        NDArray mu = Activation.softPlus(z.get(":, :, :, 1").mean(new int[] {2}).add(Tensors.scalar(z, 0.55)));  // (B, M)
        NDArray userServed = on.sum(new int[] {1}).gt(Tensors.scalar(on, 0.5));                  // (B, K) boolean
        NDArray pz = z.get(":, :, :, 2").mean(new int[] {1});                                     // (B, K)
        NDArray e = pz.sub(pz.max(new int[] {1}, true)).exp().mul(userServed.toType(DataType.FLOAT64, false));
        NDArray share = e.div(e.sum(new int[] {1}, true).maximum(Tensors.scalar(e, 1e-30)));
        NDArray p = share.mul(power.mul(Tensors.scalar(power, m)));                               // (B, K)
        // channels as columns over all MN antennas: H (B, MN, K), row (m, n)
        NDArray hRe = f.channelRe().transpose(0, 1, 3, 2).reshape(b, (long) m * n, k);
        NDArray hIm = f.channelIm().transpose(0, 1, 3, 2).reshape(b, (long) m * n, k);
        NDArray root = lambda.add(Tensors.scalar(lambda, 1e-30)).sqrt().expandDims(1);           // (B, 1, K)
        NDArray xr = hRe.mul(root);
        NDArray xi = hIm.mul(root);
        NDArray aRe = xr.matMul(xr.swapAxes(1, 2)).add(xi.matMul(xi.swapAxes(1, 2)));             // (B, MN, MN)
        NDArray aIm = xi.matMul(xr.swapAxes(1, 2)).sub(xr.matMul(xi.swapAxes(1, 2)));
        // per UE k: D_k keeps the antennas of k's serving APs; (B, K, MN)
        NDArray d = on.transpose(0, 2, 1).expandDims(3).broadcast(b, k, m, n).reshape(b, k, (long) m * n);
        NDArray dOuter = d.expandDims(3).mul(d.expandDims(2));                                    // (B, K, MN, MN)
        NDArray muAnt = mu.expandDims(2).broadcast(b, m, n).reshape(b, 1, (long) m * n);           // (B, 1, MN)
        NDArray one = Tensors.scalar(d, 1.0);
        NDArray diag = d.mul(muAnt).add(one.sub(d));                                              // μ on served antennas, 1 elsewhere
        NDArray eye = d.getManager().eye(m * n).toType(DataType.FLOAT64, false);
        NDArray mRe = aRe.expandDims(1).mul(dOuter).add(diag.expandDims(3).mul(eye));             // (B, K, MN, MN)
        NDArray mIm = aIm.expandDims(1).mul(dOuter);
        NDArray rhsRe = hRe.swapAxes(1, 2).mul(d).expandDims(3);                                  // (B, K, MN, 1): D_k h_k
        NDArray rhsIm = hIm.swapAxes(1, 2).mul(d).expandDims(3);
        NDArray[] v = ComplexSolve.solve(mRe, mIm, rhsRe, rhsIm);
        NDArray vr = v[0].squeeze(3);                                                             // (B, K, MN)
        NDArray vi = v[1].squeeze(3);
        NDArray norm2 = vr.square().add(vi.square()).sum(new int[] {2});                          // (B, K)
        NDArray ones = Tensors.scalar(norm2, 1.0).broadcast(norm2.getShape());
        NDArray amp = ai.djl.ndarray.NDArrays.where(userServed, p.div(norm2.add(Tensors.scalar(norm2, 1e-30))), ones).sqrt()
                .mul(userServed.toType(DataType.FLOAT64, false)).expandDims(2);                  // (B, K, 1)
        NDArray wr = vr.mul(amp).reshape(b, k, m, n).transpose(0, 2, 1, 3);                       // (B, M, K, N)
        NDArray wi = vi.mul(amp).reshape(b, k, m, n).transpose(0, 2, 1, 3);
        NDArray apPower = wr.square().add(wi.square()).sum(new int[] {2, 3});                      // (B, M)
        NDArray ratio = power.div(apPower.add(Tensors.scalar(apPower, 1e-30)));                   // P / power_m
        NDArray scale = ratio.min(new int[] {1}, true).minimum(Tensors.scalar(ratio, 1.0)).sqrt().reshape(b, 1, 1, 1);
        return new Beams(wr.mul(scale), wi.mul(scale));
    }
}
