package org.alloc4j.decoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.alloc4j.encoder.Encoding;
import org.alloc4j.encoder.HostGraph;
import org.alloc4j.encoder.HostKernels;
import org.alloc4j.encoder.HostMlp;
import java.util.List;
import org.alloc4j.encoder.LinearLayer;
import org.alloc4j.encoder.Mlp;
import org.alloc4j.encoder.NetworkBlock;
import org.alloc4j.encoder.Tensors;
import org.alloc4j.encoder.TrainableVector;

/**
 * The fast cell-free context (the library's default; the paper re-runs a GNN at every step, see
 * {@link CellFreeGnnContext}). The encoder runs once; per step only what the new choice changes is
 * updated: the sums of the embeddings of the chosen links at every AP (S_AP, (R, M, d)) and at every
 * UE (S_UE, (R, K, d)), their total and the last choice.
 * <ul>
 *   <li>keys: k_mk = W_K r_mk + W_A S_AP[m] + W_U S_UE[k], so a link's score reacts to what its AP and
 *       its UE already have — two identical candidates stop being identical once one is chosen
 *       (the non-SPSD property);</li>
 *   <li>query: q_t = W_Q·MLP([g ; mean of chosen ; last chosen ; t/N]), g = FC([mean r ; mean AP nodes ;
 *       mean UE nodes]) computed once; a trainable vector stands for "last chosen" at t = 1.</li>
 * </ul>
 * Per-step cost O(R·N·d) element-wise work plus one (R, d)×(d, d) product.
 */
public final class CellFreeDynamicContext extends NetworkBlock implements ContextNetwork, HostDecodable {
    private final int width;
    private final LinearLayer keyWeight;
    private final LinearLayer apWeight;
    private final LinearLayer userWeight;
    private final LinearLayer graphWeight;
    private final Mlp queryMlp;
    private final LinearLayer queryWeight;
    private final TrainableVector firstLast;

    /** The weights depend on d only, so one context serves any M and K. */
    public CellFreeDynamicContext(int width) {
        this.width = width;
        keyWeight = addChildBlock("keyWeight", new LinearLayer(width, width, false));
        apWeight = addChildBlock("apWeight", new LinearLayer(width, width, false));
        userWeight = addChildBlock("userWeight", new LinearLayer(width, width, false));
        graphWeight = addChildBlock("graphWeight", new LinearLayer(3 * width, width, true));
        queryMlp = addChildBlock("queryMlp", new Mlp(3 * width + 1, width, width, false, false));
        queryWeight = addChildBlock("queryWeight", new LinearLayer(width, width, false));
        firstLast = addChildBlock("firstLast", new TrainableVector(width));
    }

    @Override
    public DecoderContext start(ParameterStore ps, Encoding encoding, int rowsPerInstance, boolean training) {
        return new State(ps, encoding, rowsPerInstance, training);
    }

    @Override
    public HostContext startOnHost(ParameterStore ps, Encoding encoding) {
        return new HostState(ps, encoding);
    }

    @Override
    public HostWeights weightsOnHost(ParameterStore ps, ai.djl.Device device) {
        return new Weights(keyWeight.onHost(ps, device), apWeight.onHost(ps, device), userWeight.onHost(ps, device),
                graphWeight.onHost(ps, device), queryMlp.onHost(ps, device), queryWeight.onHost(ps, device),
                firstLast.onHost(ps, device));
    }

    @Override
    public HostContext startOnHost(HostWeights weights, List<HostGraph> graphs) {
        return new HostState((Weights) weights, graphs);
    }

    /** This context's parameters on the host. */
    private record Weights(LinearLayer.Host key, LinearLayer.Host ap, LinearLayer.Host user, LinearLayer.Host graph,
                           HostMlp query, LinearLayer.Host queryOut, float[] firstLast) implements HostWeights {
    }

    /**
     * What the host steps read of every candidate, from host graphs: {@code cand} (R, N, 3d) holds r, r·W_A
     * and r·W_U per candidate; {@code keysT} (R·d) rows of (N) the keys r·W_K feature by feature (a step's
     * q·k then runs along N).
     */
    private record HostCandidates(float[] cand, float[][] keysT) {
    }

    /** {@link HostCandidates} of a group's graphs, the three projections each one product over all their candidates. */
    private HostCandidates hostCandidates(Weights w, List<HostGraph> graphs) {
        int rows = graphs.size();
        int n = graphs.get(0).transmitters() * graphs.get(0).receivers();
        float[][] columns = new float[width][rows * n];
        for (int r = 0; r < rows; r++) {
            HostKernels.columnsInto(graphs.get(r).edges(), n, columns, r * n);
        }
        float[][] keys = w.key().applyColumns(columns, rows * n);
        float[][][] parts = {columns, w.ap().applyColumns(columns, rows * n), w.user().applyColumns(columns, rows * n)};
        float[] cand = new float[rows * n * 3 * width];
        float[][] keysT = new float[rows * width][];
        for (int c = 0; c < width; c++) {
            for (int p = 0; p < 3; p++) {
                float[] part = parts[p][c];
                for (int i = 0; i < rows * n; i++) {
                    cand[(i * 3 + p) * width + c] = part[i];
                }
            }
            for (int r = 0; r < rows; r++) {
                keysT[r * width + c] = java.util.Arrays.copyOfRange(keys[c], r * n, (r + 1) * n);
            }
        }
        return new HostCandidates(cand, keysT);
    }

    /** (R, d): g = FC([mean r ; mean AP nodes ; mean UE nodes]) from host graphs. */
    private float[] hostGraphVectors(Weights w, List<HostGraph> graphs) {
        LinearLayer.Host fc = w.graph();
        float[] in = new float[graphs.size() * 3 * width];
        for (int r = 0; r < graphs.size(); r++) {
            HostGraph g = graphs.get(r);
            System.arraycopy(HostGraph.meanRows(g.edges(), g.transmitters() * g.receivers(), width), 0, in, r * 3 * width, width);
            System.arraycopy(HostGraph.meanRows(g.tx(), g.transmitters(), width), 0, in, r * 3 * width + width, width);
            System.arraycopy(HostGraph.meanRows(g.rx(), g.receivers(), width), 0, in, r * 3 * width + 2 * width, width);
        }
        return fc.applyRows(in, graphs.size());
    }

    /**
     * The same context on the host. The AP and UE terms of the keys are linear in the sums of chosen
     * embeddings, so they are kept as sums of the chosen candidates' projections r·W_A and r·W_U,
     * computed for every candidate once as tensors: a step then costs one query MLP and N dot products.
     */
    private final class HostState implements HostContext {
        private final int aps;
        private final int users;
        private final int n;
        private final float[] cand;      // (R, N, 3d): r, r·W_A, r·W_U
        private final float[][] keysT;   // (R·d) rows of (N): r·W_K transposed, so a step's q·k runs along N
        private final float[] apDot;     // (M): q·(AP key sums) of the current step
        private final float[] userDot;   // (K)
        private final float[] graph;     // (R, d)
        private final float[][] sum;     // R × (d)
        private final int[] count;       // (R)
        private final float[][] last;    // R × (d)
        private final float[][] apKeys;  // R × (M·d): Σ r·W_A over the AP's chosen links
        private final float[][] userKeys; // R × (K·d)
        private final HostMlp mlp;
        private final LinearLayer.Host queryOut;   // W_Q, no bias
        private final float[] x;
        private final float[] scratch;
        private final float[] h;

        /**
         * From the encoder's tensors: the step-independent projections run as tensors (the keys transposed
         * there too), then one copy each.
         */
        HostState(ParameterStore ps, Encoding enc) {
            this((Weights) weightsOnHost(ps, enc.candidates().getDevice()), (int) enc.graph().edges().getShape().get(1),
                    (int) enc.graph().edges().getShape().get(2), (int) enc.candidates().getShape().get(0),
                    NDArrays.concat(new NDList(enc.candidates(), apWeight.apply(ps, enc.candidates(), false),
                            userWeight.apply(ps, enc.candidates(), false)), 2).toFloatArray(),
                    HostKernels.rowsOf(keyWeight.apply(ps, enc.candidates(), false).transpose(0, 2, 1).toFloatArray(),
                            (int) enc.candidates().getShape().get(0) * width, (int) enc.candidates().getShape().get(1)),
                    graphWeight.apply(ps, NDArrays.concat(new NDList(enc.candidates().mean(new int[] {1}),
                            enc.graph().tx().mean(new int[] {1}), enc.graph().rx().mean(new int[] {1})), 1), false)
                            .toFloatArray());
        }

        /** From graphs encoded on the host (one per row): no tensor at all. */
        HostState(Weights w, List<HostGraph> graphs) {
            this(w, graphs, hostCandidates(w, graphs));
        }

        private HostState(Weights w, List<HostGraph> graphs, HostCandidates c) {
            this(w, graphs.get(0).transmitters(), graphs.get(0).receivers(), graphs.size(), c.cand(), c.keysT(),
                    hostGraphVectors(w, graphs));
        }

        private HostState(Weights w, int aps, int users, int rows, float[] cand, float[][] keysT, float[] graph) {
            this.aps = aps;
            this.users = users;
            this.n = aps * users;
            this.cand = cand;
            this.keysT = keysT;
            this.graph = graph;
            apDot = new float[aps];
            userDot = new float[users];
            mlp = w.query();
            queryOut = w.queryOut();
            float[] first = w.firstLast();
            sum = new float[rows][width];
            count = new int[rows];
            last = new float[rows][];
            apKeys = new float[rows][aps * width];
            userKeys = new float[rows][users * width];
            for (int r = 0; r < rows; r++) {
                last[r] = first.clone();
            }
            x = new float[3 * width + 1];
            scratch = new float[mlp.hiddenWidth()];
            h = new float[width];
        }

        @Override
        public float[] scores(int row, boolean[] mask, float[] out) {
            float denominator = Math.max(count[row], 1);
            System.arraycopy(graph, row * width, x, 0, width);
            for (int j = 0; j < width; j++) {
                x[width + j] = sum[row][j] / denominator;
            }
            System.arraycopy(last[row], 0, x, 2 * width, width);
            x[3 * width] = count[row] * (1f / n);
            mlp.apply(x, scratch, h);
            float[] q = queryOut.applyRows(h, 1);
            // q·(k_c + AP sum + UE sum) = q·k_c + q·AP sum + q·UE sum: N + M + K dot products, not 3N
            java.util.Arrays.fill(out, 0, n, 0f);
            HostKernels.addProduct(q, 0, 1, width, keysT, row * width, out);
            dots(q, apKeys[row], aps, apDot);
            dots(q, userKeys[row], users, userDot);
            for (int a = 0, c = 0; a < aps; a++) {
                for (int u = 0; u < users; u++, c++) {
                    out[c] += apDot[a] + userDot[u];
                }
            }
            return q;
        }

        /** out[i] = q · rows[i·d : (i+1)·d] for i < count. */
        private void dots(float[] q, float[] rows, int count, float[] out) {
            for (int i = 0; i < count; i++) {
                float s = 0;
                for (int j = 0; j < width; j++) {
                    s += q[j] * rows[i * width + j];
                }
                out[i] = s;
            }
        }

        @Override
        public void advance(int row, int action) {
            int at = (row * n + action) * 3 * width;
            float[] ap = apKeys[row];
            float[] ue = userKeys[row];
            int a = (action / users) * width;
            int u = (action % users) * width;
            for (int j = 0; j < width; j++) {
                float e = cand[at + j];
                sum[row][j] += e;
                last[row][j] = e;
                ap[a + j] += cand[at + width + j];
                ue[u + j] += cand[at + 2 * width + j];
            }
            count[row]++;
        }
    }

    private final class State implements DecoderContext {
        private final ParameterStore ps;
        private final boolean training;
        private final int aps;
        private final int users;
        private final int n;
        private final ChosenEmbeddings chosen;
        private NDArray baseKeys;       // (R, M, K, d)
        private NDArray graph;          // (R, d)
        private NDArray apSum;          // (R, M, d)
        private NDArray userSum;        // (R, K, d)

        State(ParameterStore ps, Encoding encoding, int rowsPerInstance, boolean training) {
            this.ps = ps;
            this.training = training;
            Encoding enc = encoding.repeat(rowsPerInstance);
            this.aps = (int) enc.graph().edges().getShape().get(1);
            this.users = (int) enc.graph().edges().getShape().get(2);
            this.n = aps * users;
            NDArray cand = enc.candidates();
            long rows = cand.getShape().get(0);
            baseKeys = keyWeight.apply(ps, cand, training).reshape(rows, aps, users, width);
            graph = graphWeight.apply(ps, NDArrays.concat(new NDList(cand.mean(new int[] {1}),
                    enc.graph().tx().mean(new int[] {1}), enc.graph().rx().mean(new int[] {1})), 1), training);
            apSum = cand.getManager().zeros(new Shape(rows, aps, width));
            userSum = cand.getManager().zeros(new Shape(rows, users, width));
            chosen = new ChosenEmbeddings(cand, firstLast.row(ps, cand.getManager(), training));
        }

        @Override
        public NDArray query(NDArray mask) {
            NDArray count = chosen.count();
            NDArray progress = count.mul(Tensors.scalar(count, 1.0 / n));
            NDArray h = queryMlp.apply(ps, NDArrays.concat(new NDList(graph, chosen.mean(), chosen.last(), progress), 1),
                    training);
            return queryWeight.apply(ps, h, training);
        }

        @Override
        public NDArray keys() {
            long rows = baseKeys.getShape().get(0);
            NDArray dyn = apWeight.apply(ps, apSum, training).expandDims(2)
                    .add(userWeight.apply(ps, userSum, training).expandDims(1));                 // (R, M, K, d)
            return baseKeys.add(dyn).reshape(rows, n, width);
        }

        @Override
        public void advance(NDArray actions) {
            long rows = actions.getShape().get(0);
            ChosenEmbeddings.Step step = chosen.advance(actions);
            NDArray grid = step.oneHot().reshape(rows, aps, users);
            NDArray e = step.chosen().expandDims(1);
            apSum = apSum.add(grid.sum(new int[] {2}).expandDims(2).mul(e));
            userSum = userSum.add(grid.sum(new int[] {1}).expandDims(2).mul(e));
        }

        @Override
        public NDList carried() {
            NDList out = chosen.carried();
            out.addAll(new NDList(baseKeys, graph, apSum, userSum));
            return out;
        }

        @Override
        public void reorder(NDArray parents) {
            chosen.reorder(parents);
            baseKeys = baseKeys.get(parents);
            graph = graph.get(parents);
            apSum = apSum.get(parents);
            userSum = userSum.get(parents);
        }
    }
}
