package org.alloc4j.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.alloc4j.encoder.EdgeNodeGnn;
import org.alloc4j.encoder.EngnnLayer;
import org.alloc4j.encoder.GraphState;
import org.alloc4j.encoder.LinearLayer;
import org.alloc4j.encoder.Mlp;
import org.alloc4j.encoder.MovableAntennaFeatures;
import org.alloc4j.encoder.NetworkBlock;
import org.alloc4j.encoder.Tensors;

/**
 * {@code cvln} for movable antennas (SPEC §4.3): the optimal-structure beamformer
 * w_k = sqrt(p_k)·v_k/‖v_k‖, v_k = (I_N + Σ_j λ_j h_j h_jᴴ/σ²)⁻¹ h_k, with p = P·softmax(z_p) and
 * λ = P·softmax(z_λ) from an ENGNN over the chosen antennas and the UEs (UE node features → one linear
 * layer). Only 2K numbers are learned; ‖W‖_F² = P exactly.
 */
public final class MovableStructureCvln extends NetworkBlock {
    private final int width;
    private final Mlp edgeInput;
    private final EdgeNodeGnn gnn;
    private final LinearLayer out;

    public MovableStructureCvln(int width, int layers, boolean batchNorm) {
        this.width = width;
        edgeInput = addChildBlock("edgeInput", new Mlp(MovableAntennaFeatures.EDGE_WIDTH, width, width, batchNorm));
        gnn = addChildBlock("gnn", new EdgeNodeGnn(width, layers, batchNorm, EngnnLayer.Outputs.RX));
        out = addChildBlock("out", new LinearLayer(width, 2, true));
    }

    /**
     * @param chosen indices of the chosen positions in ascending order, (B, N) int64
     * @return beams (B, N, K)
     */
    public Beams beamform(ParameterStore ps, MovableAntennaFeatures f, NDArray chosen, boolean training) {
        long b = chosen.getShape().get(0);
        long n = chosen.getShape().get(1);
        long k = f.users();
        NDArray idx = chosen.reshape(b, n, 1, 1).broadcast(new Shape(b, n, k, MovableAntennaFeatures.EDGE_WIDTH));
        NDArray e = edgeInput.apply(ps, f.edges().gather(idx, 1), training);                    // (B, N, K, d)
        NDArray t = e.getManager().zeros(new Shape(b, n, width));
        NDArray r = e.getManager().zeros(new Shape(b, k, width));
        GraphState g = gnn.apply(ps, new GraphState(t, r, e), training);
        NDArray z = Tensors.toFloat64(out.apply(ps, g.rx(), training));            // (B, K, 2)
        NDArray power = f.powerW().reshape(-1, 1);
        NDArray p = z.get(":, :, 0").softmax(1).mul(power);
        NDArray lambda = z.get(":, :, 1").softmax(1).mul(power);
        NDArray[] h = chosenChannels(f, chosen);                                                 // (B, K, N)
        NDArray active = p.gt(Tensors.scalar(p, -1.0));
        NDArray[] w = StructuredPrecoding.beams(h[0].swapAxes(1, 2), h[1].swapAxes(1, 2), lambda, p, active);
        return new Beams(w[0], w[1]);                                                            // (B, N, K)
    }

    /** Channels of the chosen positions, {Re, Im} each (B, K, N). */
    static NDArray[] chosenChannels(MovableAntennaFeatures f, NDArray chosen) {
        long b = chosen.getShape().get(0);
        long n = chosen.getShape().get(1);
        NDArray idx = chosen.reshape(b, 1, n).broadcast(new Shape(b, f.users(), n));
        return new NDArray[] {f.channelRe().gather(idx, 2), f.channelIm().gather(idx, 2)};
    }

    /** A host copy of the current parameters: {@link Host#beams} is {@link #beamform}. */
    Host onHost(ParameterStore ps, ai.djl.Device device) {
        return new Host(edgeInput.onHost(ps, device), gnn.onHost(ps, device), out.onHost(ps, device));
    }

    /** The structure beamformer in plain Java (float32 network, float64 precoder, as the tensor form). */
    static final class Host {
        private final org.alloc4j.encoder.HostMlp edgeInput;
        private final java.util.List<EngnnLayer.Host> layers;
        private final LinearLayer.Host out;

        private Host(org.alloc4j.encoder.HostMlp edgeInput, java.util.List<EngnnLayer.Host> layers, LinearLayer.Host out) {
            this.edgeInput = edgeInput;
            this.layers = layers;
            this.out = out;
        }

        /**
         * Beamformers of several instances: the GNN runs over the graphs of each run of consecutive
         * instances with the same N and K at once (its products are then long enough to vectorise; one
         * 4×4 graph's are not), the structure instance by instance.
         *
         * @param supports per instance, the N chosen positions (in the order of {@link MovableAntennaNetworks#chosen})
         * @return per instance W, (N, K): column k is w_k, ‖W‖_F² = P up to rounding
         */
        java.util.List<org.alloc4j.envs.math.ComplexArray> beams(java.util.List<org.alloc4j.envs.movable.MovableAntennaInstance> instances,
                                                              java.util.List<org.alloc4j.envs.Support> supports) {
            java.util.List<org.alloc4j.envs.math.ComplexArray> beams = new java.util.ArrayList<>(instances.size());
            int from = 0;
            while (from < instances.size()) {
                int n = supports.get(from).size();
                int k = instances.get(from).users();
                int to = from + 1;
                while (to < instances.size() && supports.get(to).size() == n && instances.get(to).users() == k) {
                    to++;
                }
                java.util.List<float[]> edges = new java.util.ArrayList<>(to - from);
                for (int i = from; i < to; i++) {
                    edges.add(MovableAntennaFeatures.edgesOf(instances.get(i), supports.get(i).toArray()));   // (N·K, 3)
                }
                java.util.List<org.alloc4j.encoder.HostGraph> graphs = EdgeNodeGnn.applyOnHost(layers, edgeInput, edges, n, k);
                for (int i = from; i < to; i++) {
                    beams.add(structure(instances.get(i), supports.get(i), out.applyRows(graphs.get(i - from).rx(), k)));
                }
                from = to;
            }
            return beams;
        }

        /** W from the GNN's z (K, 2) for one instance. */
        private static org.alloc4j.envs.math.ComplexArray structure(org.alloc4j.envs.movable.MovableAntennaInstance inst,
                                                                     org.alloc4j.envs.Support support, float[] z) {
            int n = support.size();
            int k = inst.users();
            double[] p = softmaxTimes(z, 0, k, inst.powerW());
            double[] lambda = softmaxTimes(z, 1, k, inst.powerW());
            org.alloc4j.envs.math.ComplexMatrix h = new org.alloc4j.envs.math.ComplexMatrix(n, k);
            for (int r = 0; r < n; r++) {
                for (int u = 0; u < k; u++) {
                    h.set(r, u, inst.re(u, support.get(r)), inst.im(u, support.get(r)));
                }
            }
            org.alloc4j.envs.math.ComplexMatrix v = org.alloc4j.envs.math.ComplexMatrix.structureDirections(h, lambda);
            double[] re = new double[n * k];
            double[] im = new double[n * k];
            for (int u = 0; u < k; u++) {
                double amp = Math.sqrt(p[u] / v.columnNormSquared(u));
                for (int r = 0; r < n; r++) {
                    re[r * k + u] = amp * v.re(r, u);
                    im[r * k + u] = amp * v.im(r, u);
                }
            }
            return org.alloc4j.envs.math.ComplexArray.of(re, im, n, k);
        }

        /** total · softmax over the K rows of column {@code col} of z (K, 2), in float64 as the tensor form. */
        private static double[] softmaxTimes(float[] z, int col, int k, double total) {
            double max = Double.NEGATIVE_INFINITY;
            for (int u = 0; u < k; u++) {
                max = Math.max(max, z[u * 2 + col]);
            }
            double[] e = new double[k];
            double sum = 0;
            for (int u = 0; u < k; u++) {
                e[u] = Math.exp(z[u * 2 + col] - max);
                sum += e[u];
            }
            for (int u = 0; u < k; u++) {
                e[u] = e[u] / sum * total;
            }
            return e;
        }
    }
}
