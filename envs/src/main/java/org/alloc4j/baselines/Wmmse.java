package org.alloc4j.baselines;

import java.util.Arrays;
import java.util.function.DoubleConsumer;
import org.alloc4j.envs.math.HermitianEigen;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * WMMSE sum-rate maximisation with one power budget per block: the per-AP block-coordinate WMMSE of
 * baselines.md §1.2 (option A). With one block it is Shi et al.'s WMMSE under a total power budget.
 *
 * <p>Each sweep computes the MMSE receivers u_k and weights w_k = 1 + SINR_k, then updates the
 * beamformers of one block at a time (Gauss–Seidel), each block exactly: v_mj = (A_m + μ_m I)⁻¹ r_mj
 * with A_m = Σ_k w_k|u_k|² h_mk h_mkᴴ over all UEs, r_mj = w_j u_j h_mj − Σ_k w_k|u_k|² s_kj h_mk
 * (s_kj what the other blocks deliver), and μ_m ≥ 0 found by bisection so that the block meets its
 * budget (μ_m = 0 when the unconstrained solution already fits). Every step minimises the WMMSE
 * objective over one block, so the sum rate never decreases from one sweep to the next.
 *
 * <p>Stops when the sum rate changes by at most {@code tolerance}·max(1, R) or after
 * {@code maxIterations} sweeps. Multi-start: maximum ratio first; optionally every linear precoder
 * (local partial RZF, ZF, RZF, equal-weight structure), so that the result is never below any of
 * them; then {@code randomStarts} Gaussian starts scaled to the budgets. The best result is kept.
 */
public final class Wmmse implements Precoder {
    private static final double LN2 = Math.log(2);

    /**
     * @param tolerance     relative change of the sum rate that ends the iteration (1e-6)
     * @param maxIterations sweep cap (1000)
     * @param linearStarts  also start from each linear precoder (P-RZF, ZF, RZF, structure)
     * @param randomStarts  further starts from random Gaussian beamformers
     */
    public record Options(double tolerance, int maxIterations, boolean linearStarts, int randomStarts) {
        public Options {
            if (!(tolerance > 0) || maxIterations < 1 || randomStarts < 0) {
                throw new IllegalArgumentException("WMMSE options: tolerance > 0, maxIterations >= 1, randomStarts >= 0; got "
                        + tolerance + ", " + maxIterations + ", " + randomStarts);
            }
        }

        /** Single start from maximum ratio, tolerance 1e-6, at most 1000 sweeps. */
        public static Options defaults() {
            return new Options(1e-6, 1000, false, 0);
        }

        /** The reference used by exhaustive search: MRT, every linear precoder and {@code random} random starts. */
        public static Options multiStart(int random) {
            return new Options(1e-6, 1000, true, random);
        }
    }

    /**
     * Outcome of a run.
     *
     * @param sumRate     the sum rate reached [bit/s/Hz]
     * @param iterations  sweeps taken (over all starts for {@link #solve})
     * @param multipliers the power multiplier μ_m of every block in the last sweep ({@code [M]});
     *                    μ_m > 0 means block m is at its budget
     */
    public record Result(double sumRate, int iterations, double[] multipliers) {
    }

    private final Options options;
    private final UniformRandomProvider rng;

    /**
     * @param rng source of random starts; may be {@code null} when {@code options.randomStarts() == 0}
     */
    public Wmmse(Options options, UniformRandomProvider rng) {
        if (options.randomStarts() > 0 && rng == null) {
            throw new IllegalArgumentException("random WMMSE starts need a random source");
        }
        this.options = options;
        this.rng = rng;
    }

    /** Single-start WMMSE with default options. */
    public Wmmse() {
        this(Options.defaults(), null);
    }

    public Options options() {
        return options;
    }

    @Override
    public String name() {
        return "wmmse";
    }

    @Override
    public void precode(DownlinkProblem p, double[] vRe, double[] vIm) {
        solve(p, vRe, vIm);
    }

    /** Runs every start and leaves the best beamformers in {@code vRe}, {@code vIm}. */
    public Result solve(DownlinkProblem p, double[] vRe, double[] vIm) {
        int size = vRe.length;
        double[] tRe = new double[size];
        double[] tIm = new double[size];
        new MaximumRatio().precode(p, vRe, vIm);
        Result best = iterate(p, vRe, vIm, null);
        int total = best.iterations();
        java.util.List<Precoder> starts = new java.util.ArrayList<>();
        if (options.linearStarts()) {
            starts.add(LocalPrecoder.partialRzf());
            starts.add(JointLinearPrecoder.zeroForcing());
            starts.add(JointLinearPrecoder.regularised());
            starts.add(LocalPrecoder.equalWeightStructure());
        }
        for (int s = 0; s < starts.size() + options.randomStarts(); s++) {
            if (s < starts.size()) {
                starts.get(s).precode(p, tRe, tIm);
            } else {
                randomStart(p, tRe, tIm);
            }
            Result r = iterate(p, tRe, tIm, null);
            total += r.iterations();
            if (r.sumRate() > best.sumRate()) {
                best = r;
                System.arraycopy(tRe, 0, vRe, 0, size);
                System.arraycopy(tIm, 0, vIm, 0, size);
            }
        }
        return new Result(best.sumRate(), total, best.multipliers());
    }

    private void randomStart(DownlinkProblem p, double[] vRe, double[] vIm) {
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        for (int m = 0; m < p.blocks(); m++) {
            for (int k = 0; k < p.users(); k++) {
                for (int n = 0; n < p.antennas(); n++) {
                    int i = p.index(m, k, n);
                    boolean on = p.served(m, k);
                    vRe[i] = on ? g.sample() : 0;
                    vIm[i] = on ? g.sample() : 0;
                }
            }
            double power = p.blockPower(m, vRe, vIm);
            if (power > 0) {
                double scale = Math.sqrt(p.budget(m) / power);
                for (int i = p.index(m, 0, 0); i < p.index(m, 0, 0) + p.users() * p.antennas(); i++) {
                    vRe[i] *= scale;
                    vIm[i] *= scale;
                }
            }
        }
    }

    /**
     * Iterates from the given feasible start until convergence, in place.
     *
     * @param perSweep receives the sum rate after every sweep (the start's rate first); may be null
     */
    public Result iterate(DownlinkProblem p, double[] vRe, double[] vIm, DoubleConsumer perSweep) {
        int users = p.users();
        int ant = p.antennas();
        double[] gRe = new double[users * users];
        double[] gIm = new double[users * users];
        double[] uRe = new double[users];
        double[] uIm = new double[users];
        double[] weight = new double[users];
        double[] c = new double[users];
        double[] aRe = new double[ant * ant];
        double[] aIm = new double[ant * ant];
        double[] sRe = new double[users * users];
        double[] sIm = new double[users * users];
        double[] rRe = new double[users * ant];
        double[] rIm = new double[users * ant];
        double[] bRe = new double[users * ant];
        double[] bIm = new double[users * ant];
        int[] servedList = new int[users];
        HermitianEigen eig = new HermitianEigen(ant);
        double[] mu = new double[p.blocks()];

        p.effectiveChannels(vRe, vIm, gRe, gIm);
        double rate = rateOf(gRe, gIm, users);
        if (perSweep != null) {
            perSweep.accept(rate);
        }
        int it = 0;
        while (it < options.maxIterations()) {
            it++;
            for (int k = 0; k < users; k++) {
                double total = 1.0;
                for (int j = 0; j < users; j++) {
                    int i = k * users + j;
                    total += gRe[i] * gRe[i] + gIm[i] * gIm[i];
                }
                int kk = k * users + k;
                double sig = gRe[kk] * gRe[kk] + gIm[kk] * gIm[kk];
                uRe[k] = gRe[kk] / total;
                uIm[k] = gIm[kk] / total;
                weight[k] = total / (total - sig);
                c[k] = weight[k] * (uRe[k] * uRe[k] + uIm[k] * uIm[k]);
            }
            for (int m = 0; m < p.blocks(); m++) {
                int nServed = 0;
                for (int j = 0; j < users; j++) {
                    if (p.served(m, j)) {
                        servedList[nServed++] = j;
                    }
                }
                if (nServed == 0) {
                    continue;
                }
                // A_m = Σ_k c_k h_mk h_mkᴴ
                Arrays.fill(aRe, 0);
                Arrays.fill(aIm, 0);
                for (int k = 0; k < users; k++) {
                    if (c[k] == 0) {
                        continue;
                    }
                    for (int r = 0; r < ant; r++) {
                        double hr = p.re(m, k, r);
                        double hi = p.im(m, k, r);
                        for (int q = 0; q < ant; q++) {
                            double qr = p.re(m, k, q);
                            double qi = p.im(m, k, q);
                            // h_r · conj(h_q)
                            aRe[r * ant + q] += c[k] * (hr * qr + hi * qi);
                            aIm[r * ant + q] += c[k] * (hi * qr - hr * qi);
                        }
                    }
                }
                // s_kj = g_kj − h_mkᴴ v_mj and r_mj for served j
                for (int s = 0; s < nServed; s++) {
                    int j = servedList[s];
                    for (int k = 0; k < users; k++) {
                        double dr = 0;
                        double di = 0;
                        for (int n = 0; n < ant; n++) {
                            double hr = p.re(m, k, n);
                            double hi = p.im(m, k, n);
                            int vi = p.index(m, j, n);
                            dr += hr * vRe[vi] + hi * vIm[vi];
                            di += hr * vIm[vi] - hi * vRe[vi];
                        }
                        sRe[k * users + j] = gRe[k * users + j] - dr;
                        sIm[k * users + j] = gIm[k * users + j] - di;
                    }
                    for (int n = 0; n < ant; n++) {
                        // w_j u_j h_mj
                        double hr = p.re(m, j, n);
                        double hi = p.im(m, j, n);
                        double xr = weight[j] * (uRe[j] * hr - uIm[j] * hi);
                        double xi = weight[j] * (uRe[j] * hi + uIm[j] * hr);
                        for (int k = 0; k < users; k++) {
                            if (c[k] == 0) {
                                continue;
                            }
                            double sr = sRe[k * users + j];
                            double si = sIm[k * users + j];
                            double kr = p.re(m, k, n);
                            double ki = p.im(m, k, n);
                            xr -= c[k] * (sr * kr - si * ki);
                            xi -= c[k] * (sr * ki + si * kr);
                        }
                        rRe[s * ant + n] = xr;
                        rIm[s * ant + n] = xi;
                    }
                }
                mu[m] = solveBlock(eig, aRe, aIm, ant, nServed, rRe, rIm, bRe, bIm, p.budget(m), mu[m]);
                // write v_mj = Q diag(1/(λ+μ)) Qᴴ r (coefficients already in b) and update g
                for (int s = 0; s < nServed; s++) {
                    int j = servedList[s];
                    for (int n = 0; n < ant; n++) {
                        double xr = 0;
                        double xi = 0;
                        for (int i = 0; i < ant; i++) {
                            double qr = eig.vectorRe(n, i);
                            double qi = eig.vectorIm(n, i);
                            double cr = bRe[s * ant + i];
                            double ci = bIm[s * ant + i];
                            xr += qr * cr - qi * ci;
                            xi += qr * ci + qi * cr;
                        }
                        int vi = p.index(m, j, n);
                        vRe[vi] = xr;
                        vIm[vi] = xi;
                    }
                    for (int k = 0; k < users; k++) {
                        double dr = 0;
                        double di = 0;
                        for (int n = 0; n < ant; n++) {
                            double hr = p.re(m, k, n);
                            double hi = p.im(m, k, n);
                            int vi = p.index(m, j, n);
                            dr += hr * vRe[vi] + hi * vIm[vi];
                            di += hr * vIm[vi] - hi * vRe[vi];
                        }
                        gRe[k * users + j] = sRe[k * users + j] + dr;
                        gIm[k * users + j] = sIm[k * users + j] + di;
                    }
                }
            }
            double next = rateOf(gRe, gIm, users);
            if (perSweep != null) {
                perSweep.accept(next);
            }
            boolean done = Math.abs(next - rate) <= options.tolerance() * Math.max(1.0, Math.abs(next));
            rate = next;
            if (done) {
                break;
            }
        }
        return new Result(rate, it, mu);
    }

    /**
     * Solves (A + μI) v_s = r_s for every served UE s of one block with one multiplier μ ≥ 0 so that
     * Σ_s ‖v_s‖² ≤ budget (baselines.md §0.2). On return {@code b} holds the coefficients of v_s in
     * the eigenbasis of A, already divided by (λ_i + μ).
     *
     * @param guess where the search for μ starts if it lies inside its bracket: the block's μ of the last sweep
     * @return μ
     */
    private static double solveBlock(HermitianEigen eig, double[] aRe, double[] aIm, int ant, int nServed, double[] rRe,
                                   double[] rIm, double[] bRe, double[] bIm, double budget, double guess) {
        eig.decompose(aRe, aIm, ant);
        double lmax = Math.max(eig.maxValue(), 0);
        double[] phi = new double[ant];
        double phiTotal = 0;
        for (int s = 0; s < nServed; s++) {
            for (int i = 0; i < ant; i++) {
                // b = Qᴴ r
                double cr = 0;
                double ci = 0;
                for (int n = 0; n < ant; n++) {
                    double qr = eig.vectorRe(n, i);
                    double qi = eig.vectorIm(n, i);
                    double xr = rRe[s * ant + n];
                    double xi = rIm[s * ant + n];
                    cr += qr * xr + qi * xi;
                    ci += qr * xi - qi * xr;
                }
                bRe[s * ant + i] = cr;
                bIm[s * ant + i] = ci;
                phi[i] += cr * cr + ci * ci;
            }
        }
        for (double v : phi) {
            phiTotal += v;
        }
        if (phiTotal == 0 || budget <= 0) {
            Arrays.fill(bRe, 0, nServed * ant, 0);
            Arrays.fill(bIm, 0, nServed * ant, 0);
            return 0;
        }
        double floor = 1e-12 * lmax;
        double[] lambda = new double[ant];
        boolean nullSpaceMass = false;
        for (int i = 0; i < ant; i++) {
            lambda[i] = Math.max(eig.value(i), 0);
            if (lambda[i] <= floor) {
                // components of r in the null space of A vanish in exact arithmetic (r ∈ range A)
                if (phi[i] > 1e-20 * phiTotal) {
                    nullSpaceMass = true;
                } else {
                    phi[i] = 0;
                    lambda[i] = Double.POSITIVE_INFINITY;
                }
            }
        }
        double mu = 0;
        if (nullSpaceMass || power(phi, lambda, 0) > budget) {
            mu = multiplier(phi, lambda, budget, Math.sqrt(phiTotal / budget), guess);
        }
        double total = 0;
        for (int s = 0; s < nServed; s++) {
            for (int i = 0; i < ant; i++) {
                double d = lambda[i] + mu;
                double f = Double.isInfinite(d) || d == 0 ? 0 : 1 / d;
                bRe[s * ant + i] *= f;
                bIm[s * ant + i] *= f;
                total += bRe[s * ant + i] * bRe[s * ant + i] + bIm[s * ant + i] * bIm[s * ant + i];
            }
        }
        if (total > budget) {
            // μ is accurate to 1e-12 in power; take the last bits off so the budget holds exactly
            double f = Math.sqrt(budget / total);
            for (int i = 0; i < nServed * ant; i++) {
                bRe[i] *= f;
                bIm[i] *= f;
            }
        }
        return mu;
    }

    /**
     * The μ in (0, hi] with P(μ) = budget, P(μ) = Σ φ_i/(λ_i + μ)² (convex, decreasing). Newton steps on
     * 1/sqrt(P(μ)), which is close to linear in μ, safeguarded by the bracket [lo, hi] (bisection when a
     * step leaves it). Returns μ with |P(μ) − budget| ≤ 1e-12·budget, or the feasible end of the
     * bracket; the caller rescales the last bits of power. The search starts at {@code guess} if it lies in
     * (0, hi), else at hi: from the last sweep's μ it needs fewer steps.
     */
    static double multiplier(double[] phi, double[] lambda, double budget, double hi, double guess) {
        double lo = 0;
        double target = 1 / Math.sqrt(budget);
        double mu = guess > 0 && guess < hi ? guess : hi;
        for (int iter = 0; iter < 100; iter++) {
            double pw = 0;
            double dpw = 0;
            for (int i = 0; i < phi.length; i++) {
                if (phi[i] != 0) {
                    double d = lambda[i] + mu;
                    double t = phi[i] / (d * d);
                    pw += t;
                    dpw -= 2 * t / d;
                }
            }
            if (Math.abs(pw - budget) <= 1e-12 * budget) {
                return mu;
            }
            if (pw > budget) {
                lo = mu;
            } else {
                hi = mu;
            }
            // g(μ) = P^{-1/2}, g' = −P'/(2 P^{3/2})
            double g = 1 / Math.sqrt(pw);
            double dg = -dpw / (2 * pw * Math.sqrt(pw));
            double next = mu + (target - g) / dg;
            if (!(next > lo && next < hi) || hi - lo <= 1e-15 * hi) {
                next = 0.5 * (lo + hi);
            }
            if (next == mu) {
                break;
            }
            mu = next;
        }
        return hi;
    }

    private static double power(double[] phi, double[] lambda, double mu) {
        double s = 0;
        for (int i = 0; i < phi.length; i++) {
            if (phi[i] != 0) {
                double d = lambda[i] + mu;
                s += phi[i] / (d * d);
            }
        }
        return s;
    }

    private static double rateOf(double[] gRe, double[] gIm, int users) {
        double total = 0;
        for (int k = 0; k < users; k++) {
            double all = 1.0;
            for (int j = 0; j < users; j++) {
                int i = k * users + j;
                all += gRe[i] * gRe[i] + gIm[i] * gIm[i];
            }
            int kk = k * users + k;
            double sig = gRe[kk] * gRe[kk] + gIm[kk] * gIm[kk];
            total += Math.log(all / (all - sig)) / LN2;
        }
        return total;
    }
}
