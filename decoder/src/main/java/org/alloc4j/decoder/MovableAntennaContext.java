package org.alloc4j.decoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.alloc4j.encoder.Encoding;
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
 */
public final class MovableAntennaContext extends NetworkBlock implements ContextNetwork {
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
