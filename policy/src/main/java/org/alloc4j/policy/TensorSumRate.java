package org.alloc4j.policy;

import ai.djl.ndarray.NDArray;
import org.alloc4j.encoder.Tensors;

/**
 * The differentiable sum rate (SPEC §2–3) on tensors, with real/imaginary pairs and unit noise:
 * R_b = Σ_k log2(1 + |g_kk|²/(Σ_{j≠k}|g_kj|² + 1)). The plain-Java
 * {@link org.alloc4j.envs.Environment#sumRate} is its independent check (PolicyTensorsTest).
 */
public final class TensorSumRate {
    private TensorSumRate() {
    }

    /**
     * Cell-free: g_kj = Σ_m h_mkᴴ w_mj.
     *
     * @param hRe channels (B, M, K, N), likewise {@code hIm}
     * @param w   beamformers (B, M, K, N)
     * @return (B)
     */
    public static NDArray cellFree(NDArray hRe, NDArray hIm, Beams w) {
        long b = hRe.getShape().get(0);
        long m = hRe.getShape().get(1);
        long k = hRe.getShape().get(2);
        long n = hRe.getShape().get(3);
        NDArray hr = hRe.transpose(0, 2, 1, 3).reshape(b, k, m * n);
        NDArray hi = hIm.transpose(0, 2, 1, 3).reshape(b, k, m * n);
        NDArray wr = w.re().transpose(0, 1, 3, 2).reshape(b, m * n, k);               // [(m, n), j] = w_mj[n]
        NDArray wi = w.im().transpose(0, 1, 3, 2).reshape(b, m * n, k);
        return fromProducts(hr, hi, wr, wi);
    }

    /**
     * Movable antennas: g_kj = h_k(A)ᴴ w_j.
     *
     * @param hRe channels of the chosen positions (B, K, N), likewise {@code hIm}
     * @param w   beamformers (B, N, K)
     * @return (B)
     */
    public static NDArray movable(NDArray hRe, NDArray hIm, Beams w) {
        return fromProducts(hRe, hIm, w.re(), w.im());
    }

    /** G = conj(H)·W for H (B, K, L) and W (B, L, K), then the rates. */
    private static NDArray fromProducts(NDArray hr, NDArray hi, NDArray wr, NDArray wi) {
        NDArray gRe = hr.batchMatMul(wr).add(hi.batchMatMul(wi));                    // (B, K, K)
        NDArray gIm = hr.batchMatMul(wi).sub(hi.batchMatMul(wr));
        NDArray power = gRe.square().add(gIm.square());
        long k = power.getShape().get(1);
        NDArray eye = power.getManager().eye((int) k).toType(power.getDataType(), false).expandDims(0);
        NDArray signal = power.mul(eye).sum(new int[] {2});                             // (B, K)
        NDArray interference = power.sum(new int[] {2}).sub(signal);
        NDArray one = Tensors.scalar(signal, 1.0);
        NDArray rates = signal.div(interference.add(one)).add(one).log().div(Tensors.scalar(signal, Math.log(2)));
        return rates.sum(new int[] {1});
    }
}
