package org.alloc4j.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
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
 *
 * <p>With {@code passes} > 1 the network refines its own answer: each further pass computes the beams of
 * the current z, reads what they do ({@link RzfFeedback}: per-link signal, leakage and interference,
 * each UE's rate, each AP's used budget) beside the inputs and the current z, and adds its own GNN's
 * Δz (B, M, K, 3) to z. Its output layer starts at zero, so an untrained refinement changes nothing.
 * A pass reads the last z and its beams as data (no gradient flows through them, as between the
 * iterations of RAFT-style refinement); the earlier passes learn through the sum z + Δz.
 */
public final class CellFreeRzfCvln extends NetworkBlock {
    private final boolean structureFeatures;
    private final TwoTypeEdgeGnn gnn;
    private final LinearLayer out;
    private final List<TwoTypeEdgeGnn> refineGnns = new ArrayList<>();
    private final List<LinearLayer> refineOuts = new ArrayList<>();

    /** @param passes 1 for the plain CVLN; each further pass refines z from the beams of the last */
    public CellFreeRzfCvln(int antennas, int width, int layers, boolean batchNorm, boolean structureFeatures, int passes) {
        this.structureFeatures = structureFeatures;
        int in = CellFreeFeatures.cvlnInputWidth(antennas, structureFeatures);
        gnn = addChildBlock("gnn", new TwoTypeEdgeGnn(in, width, layers, batchNorm, true));
        out = addChildBlock("out", new LinearLayer(width, 3, true));
        for (int p = 1; p < passes; p++) {
            refineGnns.add(addChildBlock("refineGnn" + p,
                    new TwoTypeEdgeGnn(in + RzfFeedback.WIDTH + 3, width, layers, batchNorm, true)));
            refineOuts.add(addChildBlock("refineOut" + p, new LinearLayer(width, 3, true, true)));
        }
    }

    /**
     * @param served (B, M, K) float32, 1 on links in A
     * @return beams (B, M, K, N)
     */
    public Beams beamform(ParameterStore ps, CellFreeFeatures f, NDArray served, boolean training) {
        return fromScores(f, served, scores(ps, f, served, training));
    }

    /**
     * The network's three numbers per link.
     *
     * @param served (B, M, K) float32, 1 on links in A
     * @return z, (B, M, K, 3) float64
     */
    NDArray scores(ParameterStore ps, CellFreeFeatures f, NDArray served, boolean training) {
        NDArray input = f.cvlnInput(structureFeatures);
        NDArray type = served.expandDims(3);
        NDArray z = firstPass(ps, input, type, training);
        for (int p = 0; p < refineGnns.size(); p++) {
            // the pass reads the last z and its beams as data: no gradient through them (DJL's toType, the
            // only way back to float32, cuts the graph anyway); the last z still learns through z + Δz
            NDArray last = z.stopGradient();
            NDArray in = input.concat(RzfFeedback.of(f, fromScores(f, served, last)), 3)
                    .concat(last.toType(DataType.FLOAT32, false), 3);
            z = z.add(Tensors.toFloat64(refineOuts.get(p).apply(ps, refineGnns.get(p).apply(ps, in, type, training).edges(), training)));
        }
        return z;
    }

    /** The first pass's z, (B, M, K, 3) float64, before any refinement. */
    NDArray firstPassScores(ParameterStore ps, CellFreeFeatures f, NDArray served, boolean training) {
        return firstPass(ps, f.cvlnInput(structureFeatures), served.expandDims(3), training);
    }

    /** @param input (B, M, K, F) CVLN input; @param type (B, M, K, 1) 1 on served links */
    private NDArray firstPass(ParameterStore ps, NDArray input, NDArray type, boolean training) {
        return Tensors.toFloat64(out.apply(ps, gnn.apply(ps, input, type, training).edges(), training));
    }

    /**
     * The beamformer for given scores; also the structure the per-instance optimum of the
     * {@code cvln-rzf} family is searched over.
     *
     * @param served (B, M, K) float32, 1 on links in A
     * @param z      (B, M, K, 3) float64: z¹, z², z³ per link
     * @return beams (B, M, K, N)
     */
    static Beams fromScores(CellFreeFeatures f, NDArray served, NDArray z) {
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

    /** A host copy of the current parameters: {@link Host#beams} is {@link #beamform} for one instance. */
    Host onHost(ParameterStore ps, ai.djl.Device device) {
        List<TwoTypeEdgeGnn.Host> gnns = new ArrayList<>();
        List<LinearLayer.Host> outs = new ArrayList<>();
        gnns.add(gnn.onHost(ps, device));
        outs.add(out.onHost(ps, device));
        for (int p = 0; p < refineGnns.size(); p++) {
            gnns.add(refineGnns.get(p).onHost(ps, device));
            outs.add(refineOuts.get(p).onHost(ps, device));
        }
        return new Host(gnns, outs, structureFeatures);
    }

    /** {@code cvln-rzf} in plain Java (float32 network, float64 precoder, as the tensor form). */
    static final class Host {
        private final List<TwoTypeEdgeGnn.Host> gnns;
        private final List<LinearLayer.Host> outs;
        private final boolean structureFeatures;

        /** The first pass's GNN and output layer, then each refinement pass's. */
        private Host(List<TwoTypeEdgeGnn.Host> gnns, List<LinearLayer.Host> outs, boolean structureFeatures) {
            this.gnns = gnns;
            this.outs = outs;
            this.structureFeatures = structureFeatures;
        }

        /**
         * The beams of same-size instances, their GNNs computed together.
         *
         * @param instances every one with the same M, K and N
         * @param served    per instance, (M·K) true on links in A
         * @return per instance {Re w, Im w}, each (M, K, N) row-major, zero on links not in A
         */
        List<double[][]> beams(List<org.alloc4j.envs.cellfree.CellFreeInstance> instances, List<boolean[]> served) {
            org.alloc4j.envs.cellfree.CellFreeInstance first = instances.get(0);
            int m = first.aps();
            int k = first.users();
            int graphs = instances.size();
            List<float[]> inputs = new ArrayList<>(graphs);
            for (int g = 0; g < graphs; g++) {
                org.alloc4j.envs.cellfree.CellFreeInstance inst = instances.get(g);
                if (inst.aps() != m || inst.users() != k || inst.antennas() != first.antennas()) {
                    throw new IllegalArgumentException("instances of one size needed: instance " + g + " is " + inst
                            + ", instance 0 " + first);
                }
                inputs.add(inputOf(inst));
            }
            List<float[]> z = scores(0, inputs, served, m, k);
            List<double[][]> w = new ArrayList<>(graphs);
            for (int g = 0; g < graphs; g++) {
                w.add(beamsOf(instances.get(g), served.get(g), z.get(g)));
            }
            for (int p = 1; p < gnns.size(); p++) {
                List<float[]> in = new ArrayList<>(graphs);
                for (int g = 0; g < graphs; g++) {
                    in.add(refinementInputOf(instances.get(g), inputs.get(g), w.get(g), z.get(g)));
                }
                List<float[]> dz = scores(p, in, served, m, k);
                for (int g = 0; g < graphs; g++) {
                    float[] zg = z.get(g);
                    float[] dzg = dz.get(g);
                    float[] next = new float[zg.length];
                    for (int i = 0; i < zg.length; i++) {
                        next[i] = (float) ((double) zg[i] + dzg[i]);
                    }
                    z.set(g, next);
                    w.set(g, beamsOf(instances.get(g), served.get(g), next));
                }
            }
            return w;
        }

        /** Pass p's output per instance: its GNN on the group with its output layer as the head, (M·K, 3) each. */
        private List<float[]> scores(int p, List<float[]> inputs, List<boolean[]> served, int m, int k) {
            return gnns.get(p).applyAll(inputs, served, m, k, outs.get(p));
        }

        /** The first pass's input, (M·K, F): the edge features, then the structure features if the network reads them. */
        private float[] inputOf(org.alloc4j.envs.cellfree.CellFreeInstance inst) {
            float[] edges = CellFreeFeatures.edgesOf(inst);
            if (!structureFeatures) {
                return edges;
            }
            int links = inst.aps() * inst.users();
            float[] structure = CellFreeFeatures.structureOf(inst);
            int fe = CellFreeFeatures.edgeWidth(inst.antennas());
            int fs = CellFreeFeatures.STRUCTURE_WIDTH;
            float[] input = new float[links * (fe + fs)];
            for (int i = 0; i < links; i++) {
                System.arraycopy(edges, i * fe, input, i * (fe + fs), fe);
                System.arraycopy(structure, i * fs, input, i * (fe + fs) + fe, fs);
            }
            return input;
        }

        /** A refinement pass's input per link: the first pass's input, the feedback of beams w, then z. */
        private static float[] refinementInputOf(org.alloc4j.envs.cellfree.CellFreeInstance inst, float[] input,
                                                 double[][] w, float[] z) {
            int links = inst.aps() * inst.users();
            float[] feedback = RzfFeedback.ofHost(inst, w[0], w[1]);
            int fi = input.length / links;
            int fw = fi + RzfFeedback.WIDTH + 3;
            float[] in = new float[links * fw];
            for (int i = 0; i < links; i++) {
                System.arraycopy(input, i * fi, in, i * fw, fi);
                System.arraycopy(feedback, i * RzfFeedback.WIDTH, in, i * fw + fi, RzfFeedback.WIDTH);
                System.arraycopy(z, i * 3, in, i * fw + fi + RzfFeedback.WIDTH, 3);
            }
            return in;
        }

        /** The beams of scores z (M·K, 3): {Re w, Im w}, each (M, K, N). */
        private static double[][] beamsOf(org.alloc4j.envs.cellfree.CellFreeInstance inst, boolean[] served, float[] z) {
            int n = inst.antennas();
            double p = inst.powerW();
            double[] re = new double[inst.aps() * inst.users() * n];
            double[] im = new double[re.length];
            for (int a = 0; a < inst.aps(); a++) {
                apBeams(inst, a, served, z, p, re, im);
            }
            return new double[][] {re, im};
        }

        /** SPEC §4.3 for AP a: v_k = (I + Σ_j λ_j h_j h_jᴴ)⁻¹ h_k, w_k = sqrt(p_k)·v_k/‖v_k‖ on served links. */
        private static void apBeams(org.alloc4j.envs.cellfree.CellFreeInstance inst, int a, boolean[] served, float[] z,
                                    double p, double[] re, double[] im) {
            int k = inst.users();
            int n = inst.antennas();
            int count = 0;
            double z3 = 0;
            double z2max = Double.NEGATIVE_INFINITY;
            for (int u = 0; u < k; u++) {
                int l = a * k + u;
                z2max = Math.max(z2max, z[l * 3 + 1]);
                if (served[l]) {
                    count++;
                    z3 += z[l * 3 + 2];
                }
            }
            if (count == 0) {
                return;
            }
            double fraction = 1 / (1 + Math.exp(-(z3 / count + 3.0)));
            double[] e = new double[k];
            double sum = 0;
            for (int u = 0; u < k; u++) {
                int l = a * k + u;
                e[u] = served[l] ? Math.exp(z[l * 3 + 1] - z2max) : 0;
                sum += e[u];
            }
            double[] lambda = new double[k];
            for (int u = 0; u < k; u++) {
                double x = (double) z[(a * k + u) * 3] - 1.7;
                lambda[u] = (Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)))) * p + 1e-30;      // softplus·P
            }
            org.alloc4j.envs.math.ComplexMatrix v = inst.structureDirections(a, lambda);
            for (int u = 0; u < k; u++) {
                int l = a * k + u;
                if (!served[l]) {
                    continue;
                }
                double power = p * fraction * e[u] / Math.max(sum, 1e-30);
                double amp = Math.sqrt(power / v.columnNormSquared(u));
                for (int r = 0; r < n; r++) {
                    re[l * n + r] = amp * v.re(r, u);
                    im[l * n + r] = amp * v.im(r, u);
                }
            }
        }
    }
}
