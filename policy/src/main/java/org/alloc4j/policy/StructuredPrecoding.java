package org.alloc4j.policy;

import ai.djl.ndarray.NDArray;
import org.alloc4j.encoder.Tensors;

/**
 * The optimal-structure beamformer on tensors (baselines.md §4): for one transmitter with N antennas
 * and channel columns h_j (j = 1..K), v_k = (I + Σ_j λ_j h_j h_jᴴ)⁻¹ h_k and w_k = sqrt(p_k)·v_k/‖v_k‖
 * (noise power 1). Shapes: leading batch axes "…" (for example (B) or (B, M)).
 */
final class StructuredPrecoding {
    private StructuredPrecoding() {
    }

    /**
     * @param hRe    Re of the channel columns, (…, N, K); likewise {@code hIm}
     * @param lambda λ_j ≥ 0, (…, K)
     * @param power  p_k ≥ 0, (…, K); zero entries give exactly zero beams (and no NaN gradients)
     * @param active (…, K) boolean, false where p_k is exactly 0
     * @return {Re W, Im W}, (…, N, K)
     */
    static NDArray[] beams(NDArray hRe, NDArray hIm, NDArray lambda, NDArray power, NDArray active) {
        // λ can underflow to 0 (softplus of a very negative input), where sqrt has no derivative
        NDArray root = lambda.add(Tensors.scalar(lambda, 1e-30)).sqrt().expandDims(-2);     // (…, 1, K)
        NDArray xr = hRe.mul(root);
        NDArray xi = hIm.mul(root);
        NDArray xrT = xr.swapAxes(-1, -2);
        NDArray xiT = xi.swapAxes(-1, -2);
        // X Xᴴ: Re = Xr Xrᵀ + Xi Xiᵀ, Im = Xi Xrᵀ − Xr Xiᵀ
        NDArray aRe = xr.matMul(xrT).add(xi.matMul(xiT));
        NDArray aIm = xi.matMul(xrT).sub(xr.matMul(xiT));
        long n = hRe.getShape().get(hRe.getShape().dimension() - 2);
        NDArray eye = aRe.getManager().eye((int) n).toType(aRe.getDataType(), false);
        NDArray[] v = ComplexSolve.solve(aRe.add(eye), aIm, hRe, hIm);                         // (…, N, K)
        NDArray norm2 = v[0].square().add(v[1].square()).sum(new int[] {-2});                    // (…, K)
        NDArray one = Tensors.scalar(norm2, 1.0);
        // sqrt only where p > 0: sqrt(0) has an infinite derivative
        NDArray ratio = ai.djl.ndarray.NDArrays.where(active, power.div(norm2), one.broadcast(norm2.getShape()));
        NDArray amp = ratio.sqrt().mul(active.toType(norm2.getDataType(), false)).expandDims(-2);  // (…, 1, K)
        return new NDArray[] {v[0].mul(amp), v[1].mul(amp)};
    }
}
