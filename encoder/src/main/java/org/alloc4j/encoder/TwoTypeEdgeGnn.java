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
 *
 * <p>The tensor form gathers each type's edges (row indices read from the mask once per call) and runs
 * only that type's MLPs on them, half the arithmetic of running both types' MLPs on every edge and
 * selecting; with batch normalisation each type's statistics are therefore taken over its own edges.
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
     * Mean over {@code axis} of x (R, M, K, d) where w (R, M, K, 1) is 1, given {@link #count}(w, axis);
     * with {@code inPlace} x, an array nothing else reads afterwards, is masked in place.
     */
    private static NDArray maskedMean(NDArray x, NDArray w, NDArray count, int axis, boolean inPlace) {
        return (inPlace ? x.muli(w) : x.mul(w)).sum(new int[] {axis}).div(count);
    }

    /** How many entries of w (R, M, K, 1) along {@code axis} are 1, at least 1: the divisor of {@link #maskedMean}. */
    private static NDArray count(NDArray w, int axis) {
        return w.sum(new int[] {axis}).maximum(Tensors.scalar(w, 1.0));
    }

    /**
     * @param input  (R, M, K, F) edge inputs
     * @param chosen (R, M, K, 1) 1 for links of the first type (in the support set), 0 otherwise
     * @return AP nodes (R, M, d), UE nodes (R, K, d), edges (R, M, K, d)
     */
    public GraphState apply(ParameterStore ps, NDArray input, NDArray chosen, boolean training) {
        Shape shape = input.getShape();
        long r = shape.get(0);
        long m = shape.get(1);
        long k = shape.get(2);
        // each edge goes through its own type's MLPs only: the rows of each type are gathered, and put
        // back in edge order where the edges are read as a whole
        EdgeTypes types = EdgeTypes.of(chosen, (int) m, (int) k);
        NDArray other = Tensors.scalar(chosen, 1.0).sub(chosen);
        NDArray flat = input.reshape(-1, shape.get(3));
        NDArray[] e = new NDArray[2];
        for (int t = 0; t < 2; t++) {
            e[t] = types.isEmpty(t) ? null : (t == 0 ? initChosen : initOther).apply(ps, Tensors.rows(flat, types.rows[t]), training);
        }
        NDArray[] perAp = {count(chosen, 2), count(other, 2)};
        NDArray[] perUe = {count(chosen, 1), count(other, 1)};
        NDArray a = input.getManager().zeros(new Shape(r, m, width));
        NDArray u = input.getManager().zeros(new Shape(r, k, width));
        for (Mlp[] mlp : layers) {
            NDArray toAp = types.inEdgeOrder(typed(ps, mlp[0], mlp[1], e, training), r, m, k);
            NDArray toUe = types.inEdgeOrder(typed(ps, mlp[2], mlp[3], e, training), r, m, k);
            // at inference the second mean masks the messages in place: they are read for the last time
            NDArray aIn = NDArrays.concat(new NDList(a, maskedMean(toAp, chosen, perAp[0], 2, false),
                    maskedMean(toAp, other, perAp[1], 2, !training)), 2);
            NDArray uIn = NDArrays.concat(new NDList(u, maskedMean(toUe, chosen, perUe[0], 1, false),
                    maskedMean(toUe, other, perUe[1], 1, !training)), 2);
            a = mlp[4].apply(ps, aIn, training);
            u = mlp[5].apply(ps, uIn, training);
            NDArray[] next = new NDArray[2];
            for (int t = 0; t < 2; t++) {
                Mlp edgeMlp = mlp[6 + t];
                next[t] = types.isEmpty(t) || edgeMlp == null ? e[t] : edgeMlp.fromFirstLayerTerms(ps, List.of(
                        edgeMlp.firstLayerTerm(ps, e[t], 0, null, training),
                        Tensors.rows(edgeMlp.firstLayerTerm(ps, a, width, null, training).reshape(-1, width), types.aps[t]),
                        Tensors.rows(edgeMlp.firstLayerTerm(ps, u, 2L * width, null, training).reshape(-1, width), types.ues[t])),
                        training);
            }
            e = next;
        }
        return new GraphState(a, u, types.inEdgeOrder(e, r, m, k));
    }

    /** {@code chosenMlp} on the chosen rows and {@code otherMlp} on the others; null where a type has no row. */
    private static NDArray[] typed(ParameterStore ps, Mlp chosenMlp, Mlp otherMlp, NDArray[] e, boolean training) {
        return new NDArray[] {e[0] == null ? null : chosenMlp.apply(ps, e[0], training),
                e[1] == null ? null : otherMlp.apply(ps, e[1], training)};
    }

    /**
     * The edges of each type of a batch as row indices into the flattened edges (R·M·K) and into the
     * flattened AP (R·M) and UE (R·K) nodes, read from the type mask once per call.
     */
    private static final class EdgeTypes {
        private final NDArray[] rows = new NDArray[2];
        private final NDArray[] aps = new NDArray[2];
        private final NDArray[] ues = new NDArray[2];
        private final int[] counts = new int[2];
        private final NDArray order;    // (R·M·K): each edge's row in [chosen rows ; other rows]

        private EdgeTypes(float[] mask, int m, int k, ai.djl.ndarray.NDManager manager) {
            int edges = mask.length;
            for (float v : mask) {
                counts[v > 0.5f ? 0 : 1]++;
            }
            long[][] row = {new long[counts[0]], new long[counts[1]]};
            long[][] ap = {new long[counts[0]], new long[counts[1]]};
            long[][] ue = {new long[counts[0]], new long[counts[1]]};
            long[] position = new long[edges];
            int[] next = new int[2];
            for (int i = 0; i < edges; i++) {
                int t = mask[i] > 0.5f ? 0 : 1;
                int j = next[t]++;
                row[t][j] = i;
                ap[t][j] = i / k;                                   // r·M + m
                ue[t][j] = (long) (i / (m * k)) * k + i % k;        // r·K + k
                position[i] = t == 0 ? j : counts[0] + j;
            }
            for (int t = 0; t < 2; t++) {
                if (counts[t] > 0) {
                    rows[t] = Tensors.longs(manager, row[t], new Shape(counts[t]));
                    aps[t] = Tensors.longs(manager, ap[t], new Shape(counts[t]));
                    ues[t] = Tensors.longs(manager, ue[t], new Shape(counts[t]));
                }
            }
            order = Tensors.longs(manager, position, new Shape(edges));
        }

        static EdgeTypes of(NDArray chosen, int m, int k) {
            return new EdgeTypes(Tensors.toFloats(chosen), m, k, chosen.getManager());
        }

        boolean isEmpty(int type) {
            return counts[type] == 0;
        }

        /** Rows of the two types, (count_t, d) each or null, back in edge order: (R, M, K, d). */
        NDArray inEdgeOrder(NDArray[] byType, long r, long m, long k) {
            NDArray both = byType[0] == null ? byType[1] : byType[1] == null ? byType[0]
                    : NDArrays.concat(new NDList(byType[0], byType[1]), 0);
            return Tensors.rows(both, order).reshape(r, m, k, both.getShape().get(1));
        }
    }

    /** A host copy of the current parameters: {@link Host#applyAll} is {@link #apply}. */
    public Host onHost(ParameterStore ps, ai.djl.Device device) {
        return new Host(this, ps, device);
    }

    /**
     * The same GNN in plain Java, for greedy inference at small batches. Feature-major, like
     * {@link EngnnLayer.Host}: each type's edges as one array per feature, nodes likewise, so the
     * products run along the edges ({@link HostKernels#addProductColumns}). Two-pass {@code cvln-rzf}
     * per instance, feature-major against row-major (throwaway loop, alternating builds): cell-free-v1
     * at d = 16 (an early checkpoint of a run) 0.115–0.116 against 0.129–0.137 ms; cell-free-large-v1 at
     * d = 64, untrained, 1.86 against 2.42–2.46 ms.
     */
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
         * {@link TwoTypeEdgeGnn#apply} of one or more same-size instances, computed together: each product
         * runs over the edges of a type in all of them at once.
         *
         * @param inputs per instance, (M·K, F)
         * @param chosen per instance, (M·K) true for links of the first type
         * @param head   a linear layer (d → o) applied to each final edge feature, or null for none (o = d);
         *               applied here, feature-major, before the edges are put back in each instance's order
         * @return per instance, head(final edge features), (M·K, o)
         */
        public List<float[]> applyAll(List<float[]> inputs, List<boolean[]> chosen, int aps, int users, LinearLayer.Host head) {
            HostWorkspace ws = HostWorkspace.ofThisThread();
            int d = width;
            int graphs = inputs.size();
            int links = aps * users;
            int features = inputs.get(0).length / links;
            for (int g = 0; g < graphs; g++) {
                if (inputs.get(g).length != links * features || chosen.get(g).length != links) {
                    throw new IllegalArgumentException("instance " + g + " of the group: " + inputs.get(g).length
                            + " inputs and " + chosen.get(g).length + " links, expected " + links * features + " and " + links);
                }
            }
            TypedRows types = new TypedRows(chosen, aps, users);
            float[][][] e = new float[2][][];               // per type: d arrays of its edges (feature-major)
            for (int t = 0; t < 2; t++) {
                float[][] in = gatherColumns(inputs, types.edge[t], types.rows[t], links, features, ws);
                e[t] = (t == 0 ? initChosen : initOther).applyColumns(in, types.rows[t], ws);
                ws.give(in);
            }
            int apNodes = graphs * aps + 1;                 // every AP and UE of the group, then the padding rows' node
            int ueNodes = graphs * users + 1;
            float[][] a = ws.take(d, apNodes);              // AP and UE nodes start at zero
            float[][] u = ws.take(d, ueNodes);
            for (HostMlp[] m : layers) {
                float[][] aIn = concat3(a, typeMean(m[0], e[0], types.rows[0], types.apOf[0], apNodes, ws),
                        typeMean(m[1], e[1], types.rows[1], types.apOf[1], apNodes, ws));
                float[][] uIn = concat3(u, typeMean(m[2], e[0], types.rows[0], types.ueOf[0], ueNodes, ws),
                        typeMean(m[3], e[1], types.rows[1], types.ueOf[1], ueNodes, ws));
                a = m[4].applyColumns(aIn, apNodes, ws);
                u = m[5].applyColumns(uIn, ueNodes, ws);
                ws.give(aIn);       // the last nodes and both means, read for the last time above
                ws.give(uIn);
                for (int t = 0; t < 2; t++) {
                    HostMlp edgeMlp = m[6 + t];
                    if (edgeMlp != null) {
                        float[][] next = edgeUpdate(edgeMlp, e[t], types.rows[t], types.apOf[t], types.ueOf[t], a, u, ws);
                        ws.give(e[t]);
                        e[t] = next;
                    }
                }
            }
            int o = head == null ? d : head.outputWidth();
            List<float[]> out = new ArrayList<>(graphs);
            for (int g = 0; g < graphs; g++) {
                out.add(new float[links * o]);
            }
            for (int t = 0; t < 2; t++) {
                float[][] y = head == null ? e[t] : head.applyColumns(e[t], types.rows[t]);
                int[] edge = types.edge[t];
                for (int r = 0; r < types.count[t]; r++) {
                    float[] instance = out.get(edge[r] / links);
                    int at = edge[r] % links * o;
                    for (int c = 0; c < o; c++) {
                        instance[at + c] = y[c][r];
                    }
                }
                ws.give(e[t]);
            }
            ws.give(a);
            ws.give(u);
            return out;
        }

        /**
         * The edges of each type in a group: for row r of type t, its edge g·M·K + m·K + k, AP g·M + m and UE
         * g·K + k. Each type's rows are padded to a multiple of {@link #PAD} (so that the workspace sees few
         * lengths however the links split) with rows of edge 0 that belong to a node of their own (the last
         * AP and UE node), which nothing reads.
         */
        private static final class TypedRows {
            static final int PAD = 16;
            final int[] count = new int[2];
            final int[] rows = new int[2];
            final int[][] edge = new int[2][];
            final int[][] apOf = new int[2][];
            final int[][] ueOf = new int[2][];

            TypedRows(List<boolean[]> chosen, int aps, int users) {
                int graphs = chosen.size();
                int links = aps * users;
                for (boolean[] c : chosen) {
                    for (boolean b : c) {
                        count[b ? 0 : 1]++;
                    }
                }
                for (int t = 0; t < 2; t++) {
                    rows[t] = (count[t] + PAD - 1) / PAD * PAD;
                    edge[t] = new int[rows[t]];
                    apOf[t] = new int[rows[t]];
                    ueOf[t] = new int[rows[t]];
                    java.util.Arrays.fill(apOf[t], count[t], rows[t], graphs * aps);
                    java.util.Arrays.fill(ueOf[t], count[t], rows[t], graphs * users);
                }
                int[] next = new int[2];
                for (int g = 0; g < graphs; g++) {
                    boolean[] c = chosen.get(g);
                    for (int i = 0; i < links; i++) {
                        int t = c[i] ? 0 : 1;
                        int r = next[t]++;
                        edge[t][r] = g * links + i;
                        apOf[t][r] = g * aps + i / users;
                        ueOf[t][r] = g * users + i % users;
                    }
                }
            }
        }

        /**
         * The rows {@code edge} (g·links + i: row i of inputs[g], (links, width) row-major) feature-major:
         * width arrays of {@code rows} from {@code ws}.
         */
        private static float[][] gatherColumns(List<float[]> inputs, int[] edge, int rows, int links, int width,
                                               HostWorkspace ws) {
            float[][] out = ws.takeToOverwrite(width, rows);     // every row is written, padding rows too
            for (int r = 0; r < rows; r++) {
                float[] a = inputs.get(edge[r] / links);
                int at = edge[r] % links * width;
                for (int c = 0; c < width; c++) {
                    out[c][r] = a[at + c];
                }
            }
            return out;
        }

        /**
         * Mean of mlp(e) over the edges of each AP (or UE), {@code nodeOf} giving each edge's node; 0 where
         * there are none, as the tensor form's division by max(count, 1). Feature-major in and out; the
         * result's arrays come from {@code ws}.
         */
        private static float[][] typeMean(HostMlp mlp, float[][] e, int rows, int[] nodeOf, int nodes, HostWorkspace ws) {
            float[][] y = mlp.applyColumns(e, rows, ws);
            int[] count = new int[nodes];
            for (int node : nodeOf) {
                count[node]++;
            }
            float[][] out = ws.take(y.length, nodes);
            for (int c = 0; c < y.length; c++) {
                float[] yc = y[c];
                float[] oc = out[c];
                for (int r = 0; r < rows; r++) {
                    oc[nodeOf[r]] += yc[r];
                }
                for (int node = 0; node < nodes; node++) {
                    oc[node] /= Math.max(count[node], 1);
                }
            }
            ws.give(y);
            return out;
        }

        /**
         * The edge MLP on [e ; a_m ; u_k] for edges whose AP and UE are {@code apOf} and {@code ueOf}: the
         * node terms of its first layer once per node, then added to their edges. Feature-major.
         */
        private static float[][] edgeUpdate(HostMlp mlp, float[][] e, int rows, int[] apOf, int[] ueOf, float[][] a,
                                            float[][] u, HostWorkspace ws) {
            int hidden = mlp.hiddenWidth();
            float[][] acc = ws.take(hidden, rows);
            mlp.addFirstLayerColumns(e, rows, 0, acc);
            addNodeTerm(mlp, a, e.length, apOf, acc, ws);
            addNodeTerm(mlp, u, e.length + a.length, ueOf, acc, ws);
            return mlp.finishColumns(acc, rows, ws);
        }

        /** acc[h][r] += the first layer's term of node features x (columns from {@code from}) at node nodeOf[r]. */
        private static void addNodeTerm(HostMlp mlp, float[][] x, int from, int[] nodeOf, float[][] acc, HostWorkspace ws) {
            float[][] node = ws.take(acc.length, x[0].length);
            mlp.addFirstLayerColumns(x, x[0].length, from, node);
            for (int h = 0; h < acc.length; h++) {
                float[] ah = acc[h];
                float[] nh = node[h];
                for (int r = 0; r < nodeOf.length; r++) {
                    ah[r] += nh[nodeOf[r]];
                }
            }
            ws.give(node);
        }

        /** [a ; b ; c] of feature-major node arrays: the columns of all three, in order. */
        private static float[][] concat3(float[][] a, float[][] b, float[][] c) {
            float[][] out = new float[a.length + b.length + c.length][];
            System.arraycopy(a, 0, out, 0, a.length);
            System.arraycopy(b, 0, out, a.length, b.length);
            System.arraycopy(c, 0, out, a.length + b.length, c.length);
            return out;
        }
    }
}
