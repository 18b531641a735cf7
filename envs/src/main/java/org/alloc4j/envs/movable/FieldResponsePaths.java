package org.alloc4j.envs.movable;

import java.util.Arrays;

/**
 * The multipath parameters of the field-response channel (SPEC §3) for K UEs with L paths each:
 * h_k(x, y) = Σ_l σ_kl · exp(j·2π·ρ_kl(x, y)), ρ_kl = x·sinθ_kl·cosφ_kl + y·cosθ_kl (positions in λ).
 *
 * @param users   K
 * @param paths   L
 * @param gainRe  Re(σ_kl)/σ_noise, {@code [K][L]}
 * @param gainIm  Im(σ_kl)/σ_noise, {@code [K][L]}
 * @param theta   elevation angles of departure θ_kl ∈ [0, π] [rad], {@code [K][L]}
 * @param phi     azimuth angles of departure φ_kl ∈ [0, π] [rad], {@code [K][L]}
 */
public record FieldResponsePaths(int users, int paths, double[] gainRe, double[] gainIm, double[] theta, double[] phi) {
    public FieldResponsePaths {
        int n = users * paths;
        if (gainRe.length != n || gainIm.length != n || theta.length != n || phi.length != n) {
            throw new IllegalArgumentException("path arrays need K·L = " + n + " entries");
        }
        gainRe = gainRe.clone();
        gainIm = gainIm.clone();
        theta = theta.clone();
        phi = phi.clone();
    }

    /** Re and Im of h_k(x, y)/σ_noise, written to {@code out[0]}, {@code out[1]}. */
    public void channel(int k, double x, double y, double[] out) {
        double re = 0;
        double im = 0;
        for (int l = 0; l < paths; l++) {
            int i = k * paths + l;
            double phase = 2 * Math.PI * (x * Math.sin(theta[i]) * Math.cos(phi[i]) + y * Math.cos(theta[i]));
            double c = Math.cos(phase);
            double s = Math.sin(phase);
            re += gainRe[i] * c - gainIm[i] * s;
            im += gainRe[i] * s + gainIm[i] * c;
        }
        out[0] = re;
        out[1] = im;
    }

    /**
     * The channel and its gradient in the position: {@code out} = [Re h, Im h, Re ∂h/∂x, Im ∂h/∂x,
     * Re ∂h/∂y, Im ∂h/∂y].
     */
    public void channelWithGradient(int k, double x, double y, double[] out) {
        Arrays.fill(out, 0, 6, 0.0);
        for (int l = 0; l < paths; l++) {
            int i = k * paths + l;
            double a = Math.sin(theta[i]) * Math.cos(phi[i]);
            double b = Math.cos(theta[i]);
            double phase = 2 * Math.PI * (x * a + y * b);
            double c = Math.cos(phase);
            double s = Math.sin(phase);
            double hr = gainRe[i] * c - gainIm[i] * s;
            double hi = gainRe[i] * s + gainIm[i] * c;
            out[0] += hr;
            out[1] += hi;
            // ∂/∂x of σ e^{jφ} = j·2π·a·σ e^{jφ}
            out[2] += -2 * Math.PI * a * hi;
            out[3] += 2 * Math.PI * a * hr;
            out[4] += -2 * Math.PI * b * hi;
            out[5] += 2 * Math.PI * b * hr;
        }
    }

    @Override
    public double[] gainRe() {
        return gainRe.clone();
    }

    @Override
    public double[] gainIm() {
        return gainIm.clone();
    }

    @Override
    public double[] theta() {
        return theta.clone();
    }

    @Override
    public double[] phi() {
        return phi.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldResponsePaths p && users == p.users && paths == p.paths
                && Arrays.equals(gainRe, p.gainRe) && Arrays.equals(gainIm, p.gainIm)
                && Arrays.equals(theta, p.theta) && Arrays.equals(phi, p.phi);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(gainRe) * 31 + Arrays.hashCode(theta);
    }

    @Override
    public String toString() {
        return "FieldResponsePaths[K=" + users + ", L=" + paths + "]";
    }
}
