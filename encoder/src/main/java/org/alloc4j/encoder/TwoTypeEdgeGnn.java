package org.alloc4j.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;

/**
 * The source paper's GNN with two edge types (its Appendix B): links in the support set and the
 * others, each with its own MLPs. Edges start from MLP_type(input); nodes at zero; each layer sends
 * typed messages to APs and UEs,
 * a_m' = φ_a([a_m ; mean_{k: chosen} ψ_a^c(e_mk) ; mean_{k: other} ψ_a^o(e_mk)]) (likewise u_k'),
 * then updates each edge with its type's MLP on [e ; a_m' ; u_k']. Used by the paper's decoder
 * context (A = the partial set) and by the cell-free CVLN (A fixed).
 * Shapes: input (R, M, K, F), type mask (R, M, K, 1) with 1 for chosen links.
 */
public final class TwoTypeEdgeGnn extends NetworkBlock {
    private final int width;
    private final Mlp initChosen;
    private final Mlp initOther;
    private final List<Mlp[]> layers = new ArrayList<>();

    /**
     * @param outputOtherEdges whether the last layer updates the edges of the second type; false when
     *                         only support-set edges are read out (their last update would get no gradient)
     */
    public TwoTypeEdgeGnn(int inputWidth, int width, int depth, boolean batchNorm, boolean outputOtherEdges) {
        this.width = width;
        initChosen = addChildBlock("initChosen", new Mlp(inputWidth, width, width, batchNorm));
        initOther = addChildBlock("initOther", new Mlp(inputWidth, width, width, batchNorm));
        String[] names = {"apChosen", "apOther", "ueChosen", "ueOther", "apNode", "ueNode", "edgeChosen", "edgeOther"};
        for (int l = 0; l < depth; l++) {
            Mlp[] m = new Mlp[8];
            for (int i = 0; i < 8; i++) {
                if (i == 7 && l == depth - 1 && !outputOtherEdges) {
                    continue;
                }
                m[i] = addChildBlock("layer" + l + "_" + names[i], new Mlp(i < 4 ? width : 3 * width, width, width, batchNorm));
            }
            layers.add(m);
        }
    }

    /**
     * Mean over {@code axis} of x (R, M, K, d), counting entries where w (R, M, K, 1) is 1; at inference
     * x, a fresh MLP output, is masked in place.
     */
    private static NDArray maskedMean(NDArray x, NDArray w, int axis, boolean training) {
        return (training ? x.mul(w) : x.muli(w)).sum(new int[] {axis}).div(w.sum(new int[] {axis}).maximum(Tensors.scalar(w, 1.0)));
    }

    /**
     * @param input  (R, M, K, F) edge inputs
     * @param chosen (R, M, K, 1) 1 for links of the first type (in the support set), 0 otherwise
     * @return AP nodes (R, M, d), UE nodes (R, K, d), edges (R, M, K, d)
     */
    public GraphState apply(ParameterStore ps, NDArray input, NDArray chosen, boolean training) {
        NDArray other = Tensors.scalar(chosen, 1.0).sub(chosen);
        NDArray ofChosen = initChosen.apply(ps, input, training);
        // DJL's where does not broadcast: the mask is expanded (a view) to the edges' shape
        NDArray isChosen = chosen.gt(Tensors.scalar(chosen, 0.5)).broadcast(ofChosen.getShape());
        NDArray e = NDArrays.where(isChosen, ofChosen, initOther.apply(ps, input, training));
        long r = e.getShape().get(0);
        NDArray a = e.getManager().zeros(new Shape(r, e.getShape().get(1), width));
        NDArray u = e.getManager().zeros(new Shape(r, e.getShape().get(2), width));
        for (Mlp[] m : layers) {
            NDArray aIn = NDArrays.concat(new NDList(a, maskedMean(m[0].apply(ps, e, training), chosen, 2, training),
                    maskedMean(m[1].apply(ps, e, training), other, 2, training)), 2);
            NDArray uIn = NDArrays.concat(new NDList(u, maskedMean(m[2].apply(ps, e, training), chosen, 1, training),
                    maskedMean(m[3].apply(ps, e, training), other, 1, training)), 2);
            a = m[4].apply(ps, aIn, training);
            u = m[5].apply(ps, uIn, training);
            List<NDArray> in = List.of(e, a.expandDims(2), u.expandDims(1));
            NDArray otherEdges = m[7] == null ? e : m[7].applyConcat(ps, in, training);
            e = NDArrays.where(isChosen, m[6].applyConcat(ps, in, training), otherEdges);
        }
        return new GraphState(a, u, e);
    }

    /** A host copy of the current parameters: {@link Host#apply} is {@link #apply} for one instance. */
    public Host onHost(ParameterStore ps, ai.djl.Device device) {
        return new Host(this, ps, device);
    }

    /** The same GNN in plain Java, for greedy inference at small batches. */
    public static final class Host {
        private final int width;
        private final HostMlp initChosen;
        private final HostMlp initOther;
        private final List<HostMlp[]> layers = new ArrayList<>();

        private Host(TwoTypeEdgeGnn g, ParameterStore ps, ai.djl.Device device) {
            width = g.width;
            initChosen = g.initChosen.onHost(ps, device);
            initOther = g.initOther.onHost(ps, device);
            for (Mlp[] m : g.layers) {
                HostMlp[] h = new HostMlp[m.length];
                for (int i = 0; i < m.length; i++) {
                    h[i] = m[i] == null ? null : m[i].onHost(ps, device);
                }
                layers.add(h);
            }
        }

        /**
         * @param input  one instance's edge inputs, (M·K, F)
         * @param chosen (M·K) true for links of the first type
         * @return the final edge features, (M·K, d)
         */
        public float[] apply(float[] input, boolean[] chosen, int aps, int users) {
            int d = width;
            int[][] byType = split(chosen);                 // edge indices of the chosen and the other links
            float[] e = merge(byType, initChosen.applyRows(HostEdgeMlp.gather(input, byType[0], input.length / chosen.length),
                    byType[0].length), initOther.applyRows(HostEdgeMlp.gather(input, byType[1], input.length / chosen.length),
                    byType[1].length), chosen.length, d);
            float[] a = new float[aps * d];
            float[] u = new float[users * d];
            for (HostMlp[] m : layers) {
                float[] aIn = concat3(a, typeMean(m[0], e, byType[0], aps, users, d, true),
                        typeMean(m[1], e, byType[1], aps, users, d, true), aps, d);
                float[] uIn = concat3(u, typeMean(m[2], e, byType[0], aps, users, d, false),
                        typeMean(m[3], e, byType[1], aps, users, d, false), users, d);
                a = m[4].applyRows(aIn, aps);
                u = m[5].applyRows(uIn, users);
                HostEdgeMlp.Part[] in = {HostEdgeMlp.edge(e, d), HostEdgeMlp.tx(a, d), HostEdgeMlp.rx(u, d)};
                float[] chosenEdges = HostEdgeMlp.apply(m[6], aps, users, byType[0], in);
                float[] otherEdges = m[7] == null ? HostEdgeMlp.gather(e, byType[1], d)
                        : HostEdgeMlp.apply(m[7], aps, users, byType[1], in);
                e = merge(byType, chosenEdges, otherEdges, chosen.length, d);
            }
            return e;
        }

        /** {indices of true entries, indices of false entries}. */
        private static int[][] split(boolean[] chosen) {
            int c = 0;
            for (boolean b : chosen) {
                c += b ? 1 : 0;
            }
            int[][] out = {new int[c], new int[chosen.length - c]};
            int[] next = new int[2];
            for (int i = 0; i < chosen.length; i++) {
                int t = chosen[i] ? 0 : 1;
                out[t][next[t]++] = i;
            }
            return out;
        }

        /** Scatters the rows of the two types back into one (edges, d) array. */
        private static float[] merge(int[][] byType, float[] first, float[] second, int edges, int d) {
            float[] out = new float[edges * d];
            for (int t = 0; t < 2; t++) {
                float[] src = t == 0 ? first : second;
                for (int r = 0; r < byType[t].length; r++) {
                    System.arraycopy(src, r * d, out, byType[t][r] * d, d);
                }
            }
            return out;
        }

        /**
         * Mean of mlp(e) over the edges {@code rows} of each AP (or UE); 0 where there are none, as the
         * tensor form's division by max(count, 1).
         */
        private static float[] typeMean(HostMlp mlp, float[] e, int[] rows, int aps, int users, int d, boolean perAp) {
            float[] y = mlp.applyRows(HostEdgeMlp.gather(e, rows, d), rows.length);
            int nodes = perAp ? aps : users;
            float[] out = new float[nodes * d];
            int[] count = new int[nodes];
            for (int r = 0; r < rows.length; r++) {
                int node = perAp ? rows[r] / users : rows[r] % users;
                count[node]++;
                for (int c = 0; c < d; c++) {
                    out[node * d + c] += y[r * d + c];
                }
            }
            for (int node = 0; node < nodes; node++) {
                float div = Math.max(count[node], 1);
                for (int c = 0; c < d; c++) {
                    out[node * d + c] /= div;
                }
            }
            return out;
        }

        private static float[] concat3(float[] a, float[] b, float[] c, int rows, int d) {
            float[] out = new float[rows * 3 * d];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(a, r * d, out, r * 3 * d, d);
                System.arraycopy(b, r * d, out, r * 3 * d + d, d);
                System.arraycopy(c, r * d, out, r * 3 * d + 2 * d, d);
            }
            return out;
        }
    }
}
