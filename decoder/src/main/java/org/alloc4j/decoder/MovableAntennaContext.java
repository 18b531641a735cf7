package org.alloc4j.decoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.alloc4j.encoder.Encoding;
import org.alloc4j.encoder.HostGraph;
import org.alloc4j.encoder.HostKernels;
import org.alloc4j.encoder.LinearLayer;
import org.alloc4j.encoder.NetworkBlock;
import org.alloc4j.encoder.Tensors;
import org.alloc4j.encoder.TrainableVector;

/**
 * The movable-antenna context of SPEC §4.2:
 * c̄_t = ϕ1([ϕ2(mean of chosen r) ; ϕ3(mean of all r) ; ϕ4(r of the last choice)]), with trainable
 * vectors for the first and last terms at t = 1, refined by one multi-head glimpse from c̄_t over the
 * candidate embeddings with infeasible candidates masked; the query is W_Q of the glimpse output. Keys
 * W_K r_n and the glimpse's keys and values are computed once per decode.
 *
 * <p>Greedy inference runs the steps on the host ({@link HostDecodable}): after the step-independent
 * projections, a step is some seven d×d products, a glimpse over the Q candidates and Q dot products.
 */
public final class MovableAntennaContext extends NetworkBlock implements ContextNetwork, HostDecodable {
    private final int width;
    private final int heads;
    private final LinearLayer phi1;
    private final LinearLayer phi2;
    private final LinearLayer phi3;
    private final LinearLayer phi4;
    private final TrainableVector firstMean;
    private final TrainableVector firstLast;
    private final LinearLayer glimpseQuery;
    private final LinearLayer glimpseKey;
    private final LinearLayer glimpseValue;
    private final LinearLayer glimpseOut;
    private final LinearLayer keyWeight;
    private final LinearLayer queryWeight;

    public MovableAntennaContext(int width, int heads) {
        this.width = width;
        this.heads = heads;
        phi1 = addChildBlock("phi1", new LinearLayer(3 * width, width, true));
        phi2 = addChildBlock("phi2", new LinearLayer(width, width, true));
        phi3 = addChildBlock("phi3", new LinearLayer(width, width, true));
        phi4 = addChildBlock("phi4", new LinearLayer(width, width, true));
        firstMean = addChildBlock("firstMean", new TrainableVector(width));
        firstLast = addChildBlock("firstLast", new TrainableVector(width));
        glimpseQuery = addChildBlock("glimpseQuery", new LinearLayer(width, width, false));
        glimpseKey = addChildBlock("glimpseKey", new LinearLayer(width, width, false));
        glimpseValue = addChildBlock("glimpseValue", new LinearLayer(width, width, false));
        glimpseOut = addChildBlock("glimpseOut", new LinearLayer(width, width, false));
        keyWeight = addChildBlock("keyWeight", new LinearLayer(width, width, false));
        queryWeight = addChildBlock("queryWeight", new LinearLayer(width, width, false));
    }

    @Override
    public DecoderContext start(ParameterStore ps, Encoding encoding, int rowsPerInstance, boolean training) {
        return new State(ps, encoding, rowsPerInstance, training);
    }

    @Override
    public HostContext startOnHost(ParameterStore ps, Encoding encoding) {
        NDArray cand = encoding.candidates();                                                       // (B, Q, d)
        int rows = (int) cand.getShape().get(0);
        int q = (int) cand.getShape().get(1);
        return new HostState((Weights) weightsOnHost(ps, cand.getDevice()), rows, q, cand.toFloatArray(),
                HostKernels.rowsOf(keyWeight.apply(ps, cand, false).transpose(0, 2, 1).toFloatArray(), rows * width, q),
                HostKernels.rowsOf(glimpseKey.apply(ps, cand, false).transpose(0, 2, 1).toFloatArray(), rows * width, q),
                HostKernels.rowsOf(glimpseValue.apply(ps, cand, false).toFloatArray(), rows * q, width),
                phi3.apply(ps, cand.mean(new int[] {1}), false).toFloatArray());
    }

    @Override
    public HostWeights weightsOnHost(ParameterStore ps, ai.djl.Device device) {
        return new Weights(phi1.onHost(ps, device), phi2.onHost(ps, device), phi3.onHost(ps, device),
                phi4.onHost(ps, device), firstMean.onHost(ps, device), firstLast.onHost(ps, device),
                glimpseQuery.onHost(ps, device), glimpseKey.onHost(ps, device), glimpseValue.onHost(ps, device),
                glimpseOut.onHost(ps, device).then(queryWeight.onHost(ps, device)), keyWeight.onHost(ps, device));
    }

    /** From graphs encoded on the host: the candidates are the graphs' transmitter (CP) nodes. */
    @Override
    public HostContext startOnHost(HostWeights weights, List<HostGraph> graphs) {
        Weights w = (Weights) weights;
        int rows = graphs.size();
        int q = graphs.get(0).transmitters();
        int block = q * width;
        float[] cand = new float[rows * block];
        float[][] keysT = new float[rows * width][];
        float[][] gKeysT = new float[rows * width][];
        float[][] gValues = new float[rows * q][];
        float[] allTerm = new float[rows * width];
        for (int r = 0; r < rows; r++) {
            float[] c = graphs.get(r).tx();
            float[][] columns = HostKernels.columnsOf(c, q, width);
            System.arraycopy(c, 0, cand, r * block, block);
            System.arraycopy(w.key().applyColumns(columns, q), 0, keysT, r * width, width);
            System.arraycopy(w.glimpseKey().applyColumns(columns, q), 0, gKeysT, r * width, width);
            System.arraycopy(HostKernels.rowsOf(w.glimpseValue().applyRows(c, q), q, width), 0, gValues, r * q, q);
            System.arraycopy(w.phi3().applyRows(HostGraph.meanRows(c, q, width), 1), 0, allTerm, r * width, width);
        }
        return new HostState(w, rows, q, cand, keysT, gKeysT, gValues, allTerm);
    }

    /**
     * This context's parameters on the host; {@code query} is W_Q after the glimpse's output layer, folded
     * into one layer (neither has a bias): one d×d product per step instead of two.
     */
    private record Weights(LinearLayer.Host phi1, LinearLayer.Host phi2, LinearLayer.Host phi3, LinearLayer.Host phi4,
                           float[] firstMean, float[] firstLast, LinearLayer.Host glimpseQuery,
                           LinearLayer.Host glimpseKey, LinearLayer.Host glimpseValue, LinearLayer.Host query,
                           LinearLayer.Host key) implements HostWeights {
    }

    /** The same context on the host, row by row (greedy rows are independent). */
    private final class HostState implements HostContext {
        private final Weights w;
        private final int q;
        private final int headWidth;
        private final float scale;
        private final float[] cand;      // (R, Q, d)
        private final float[][] keysT;   // (R·d) rows of (Q): r·W_K transposed, so a step's q·k runs along Q
        private final float[][] gKeysT;  // (R·d) rows of (Q): the glimpse keys, transposed likewise
        private final float[][] gValues; // (R·Q) rows of (d): the glimpse values
        private final float[] allTerm;   // (R, d): ϕ3(mean of all r)
        private final float[][] sum;     // R × (d)
        private final int[] count;       // (R)
        private final float[][] last;    // R × (d)
        private final float[] x;         // (3d): [ϕ2(mean chosen) ; ϕ3(mean all) ; ϕ4(last)]
        private final float[] meanChosen;
        private final float[][] att;     // H × (Q): the heads' attention weights
        private final float[] weightOf;  // (d): a candidate's attention weight in each head, per feature
        private final float[] glimpse;   // (d)

        HostState(Weights w, int rows, int q, float[] cand, float[][] keysT, float[][] gKeysT, float[][] gValues,
                  float[] allTerm) {
            this.w = w;
            this.q = q;
            this.cand = cand;
            this.keysT = keysT;
            this.gKeysT = gKeysT;
            this.gValues = gValues;
            this.allTerm = allTerm;
            headWidth = width / heads;
            scale = (float) (1.0 / Math.sqrt(headWidth));
            sum = new float[rows][width];
            count = new int[rows];
            last = new float[rows][];
            for (int r = 0; r < rows; r++) {
                last[r] = w.firstLast().clone();
            }
            x = new float[3 * width];
            meanChosen = new float[width];
            att = new float[heads][q];
            weightOf = new float[width];
            glimpse = new float[width];
        }

        /**
         * The glimpse attends over the feasible candidates only. The host decoder asks for scores of
         * unfinished rows only, and those have a feasible candidate (else it raises a dead end first), so
         * the tensor path's rule for rows with none (attend over all) never applies here.
         */
        @Override
        public float[] scores(int row, boolean[] mask, float[] out) {
            float[] mean = w.firstMean();
            if (count[row] > 0) {
                for (int j = 0; j < width; j++) {
                    meanChosen[j] = sum[row][j] / count[row];
                }
                mean = meanChosen;
            }
            System.arraycopy(w.phi2().applyRows(mean, 1), 0, x, 0, width);
            System.arraycopy(allTerm, row * width, x, width, width);
            System.arraycopy(w.phi4().applyRows(last[row], 1), 0, x, 2 * width, width);
            float[] gq = w.glimpseQuery().applyRows(w.phi1().applyRows(x, 1), 1);
            for (int h = 0; h < heads; h++) {
                java.util.Arrays.fill(att[h], 0f);
            }
            // head h's logits: Σ over its features c of gq_c·k_{c, n}, along the Q candidates
            for (int c = 0; c < width; c++) {
                float[] a = att[c / headWidth];
                float g = gq[c];
                float[] k = gKeysT[row * width + c];
                for (int n = 0; n < q; n++) {
                    a[n] += g * k[n];
                }
            }
            for (int h = 0; h < heads; h++) {
                float[] a = att[h];
                float max = Float.NEGATIVE_INFINITY;
                for (int n = 0; n < q; n++) {
                    a[n] *= scale;
                    if (mask[n] && a[n] > max) {
                        max = a[n];
                    }
                }
                double z = 0;
                for (int n = 0; n < q; n++) {
                    double e = mask[n] ? Math.exp(a[n] - max) : 0;
                    a[n] = (float) e;
                    z += e;
                }
                float inv = (float) (1 / z);
                for (int n = 0; n < q; n++) {
                    a[n] *= inv;
                }
            }
            // glimpse_c = Σ_n p_{head(c), n}·v_{n, c}, candidate by candidate so the inner loop runs along d
            java.util.Arrays.fill(glimpse, 0f);
            for (int n = 0; n < q; n++) {
                if (!mask[n]) {
                    continue;
                }
                for (int h = 0; h < heads; h++) {
                    java.util.Arrays.fill(weightOf, h * headWidth, (h + 1) * headWidth, att[h][n]);
                }
                float[] v = gValues[row * q + n];
                for (int c = 0; c < width; c++) {
                    glimpse[c] += weightOf[c] * v[c];
                }
            }
            float[] query = w.query().applyRows(glimpse, 1);
            java.util.Arrays.fill(out, 0, q, 0f);
            HostKernels.addProduct(query, 0, 1, width, keysT, row * width, out);
            return query;
        }

        @Override
        public void advance(int row, int action) {
            int at = (row * q + action) * width;
            float[] l = last[row];
            for (int j = 0; j < width; j++) {
                float e = cand[at + j];
                sum[row][j] += e;
                l[j] += e - l[j];    // as the tensor path's last + (chosen − last)·1
            }
            count[row]++;
        }
    }

    private final class State implements DecoderContext {
        private final ParameterStore ps;
        private final boolean training;
        private final int q;
        private final int headWidth;
        private final ChosenEmbeddings chosen;
        private final NDArray firstMeanV;   // (1, d)
        private NDArray keys;         // (R, Q, d)
        private NDArray gKeys;        // (R, H, dh, Q)
        private NDArray gValues;      // (R, H, Q, dh)
        private NDArray meanAll;      // (R, d)

        State(ParameterStore ps, Encoding encoding, int rowsPerInstance, boolean training) {
            this.ps = ps;
            this.training = training;
            NDArray cand = encoding.repeat(rowsPerInstance).candidates();
            long rows = cand.getShape().get(0);
            q = (int) cand.getShape().get(1);
            headWidth = width / heads;
            keys = keyWeight.apply(ps, cand, training);
            gKeys = glimpseKey.apply(ps, cand, training).reshape(rows, q, heads, headWidth).transpose(0, 2, 3, 1);
            gValues = glimpseValue.apply(ps, cand, training).reshape(rows, q, heads, headWidth).transpose(0, 2, 1, 3);
            meanAll = cand.mean(new int[] {1});
            firstMeanV = firstMean.row(ps, cand.getManager(), training);
            chosen = new ChosenEmbeddings(cand, firstLast.row(ps, cand.getManager(), training));
        }

        @Override
        public NDArray query(NDArray mask) {
            long rows = meanAll.getShape().get(0);
            NDArray count = chosen.count();
            NDArray one = Tensors.scalar(count, 1.0);
            NDArray started = count.gt(Tensors.scalar(count, 0.0)).toType(count.getDataType(), false); // (R, 1)
            NDArray meanChosen = chosen.mean().mul(started).add(firstMeanV.mul(one.sub(started)));
            NDArray ctx = phi1.apply(ps, NDArrays.concat(new NDList(phi2.apply(ps, meanChosen, training),
                    phi3.apply(ps, meanAll, training), phi4.apply(ps, chosen.last(), training)), 1), training);
            // glimpse: multi-head attention from the context over the feasible candidates
            NDArray candMask = mask.get(":, :" + q);                                             // (R, Q)
            NDArray feasibleCount = candMask.toType(count.getDataType(), false).sum(new int[] {1}, true);
            NDArray none = feasibleCount.eq(Tensors.scalar(feasibleCount, 0.0));                 // finished rows, (R, 1)
            NDArray glimpseMask = candMask.logicalOr(none).expandDims(1).expandDims(1);          // (R, 1, 1, Q)
            NDArray gq = glimpseQuery.apply(ps, ctx, training).reshape(rows, heads, 1, headWidth);
            NDArray att = gq.matMul(gKeys).mul(Tensors.scalar(gq, 1.0 / Math.sqrt(headWidth)));   // (R, H, 1, Q)
            NDArray negInf = att.getManager().full(att.getShape(), Float.NEGATIVE_INFINITY);
            NDArray weights = NDArrays.where(glimpseMask.broadcast(att.getShape()), att, negInf).softmax(3);
            NDArray glimpse = weights.matMul(gValues).reshape(rows, width);                      // (R, d)
            return queryWeight.apply(ps, glimpseOut.apply(ps, glimpse, training), training);
        }

        @Override
        public NDArray keys() {
            return keys;
        }

        @Override
        public void advance(NDArray actions) {
            chosen.advance(actions);
        }

        @Override
        public NDList carried() {
            NDList out = chosen.carried();
            out.addAll(new NDList(keys, gKeys, gValues, meanAll));
            return out;
        }

        @Override
        public void reorder(NDArray parents) {
            chosen.reorder(parents);
            keys = keys.get(parents);
            gKeys = gKeys.get(parents);
            gValues = gValues.get(parents);
            meanAll = meanAll.get(parents);
        }
    }
}
