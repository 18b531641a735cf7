package org.alloc4j.decoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.alloc4j.encoder.Encoding;
import org.alloc4j.encoder.LinearLayer;
import org.alloc4j.encoder.GraphState;
import org.alloc4j.encoder.NetworkBlock;
import org.alloc4j.encoder.Tensors;
import org.alloc4j.encoder.TwoTypeEdgeGnn;

/**
 * The paper's cell-free context (SPEC §4.2, the source paper's Appendix B), re-run at every step: a GNN
 * over the AP–UE graph with two edge types, links already in A_{t−1} and the others, each with its own
 * MLPs. Edges start from MLP_type([h_mk ; r_mk]) (raw edge features and encoder embedding), nodes at
 * zero; a layer sends typed messages to the nodes, a_m' = φ_a([a_m ; mean_{chosen} ψ_a^c(e) ; mean_{other}
 * ψ_a^o(e)]) and likewise u_k', then updates each edge with its type's MLP on [e ; a_m' ; u_k'].
 * Readout c_t = FC1(mean_k u_k) + FC2(mean_m a_m) + FC3(mean of chosen edges) + FC4(mean of other
 * edges); query W_Q c_t; keys W_K r_n from the encoder, fixed.
 *
 * <p>Per-step cost is a full GNN pass over all R·M·K edges, against O(R·N·d) for
 * {@link CellFreeDynamicContext}; kept for faithful comparisons.
 */
public final class CellFreeGnnContext extends NetworkBlock implements ContextNetwork {
    private final TwoTypeEdgeGnn gnn;
    private final LinearLayer fcUsers;
    private final LinearLayer fcAps;
    private final LinearLayer fcChosen;
    private final LinearLayer fcOther;
    private final LinearLayer keyWeight;
    private final LinearLayer queryWeight;

    /**
     * @param edgeFeatures width F of the raw edge features
     * @param depth        GNN layers per step
     */
    public CellFreeGnnContext(int width, int edgeFeatures, int depth) {
        gnn = addChildBlock("gnn", new TwoTypeEdgeGnn(edgeFeatures + width, width, depth, false, true));
        fcUsers = addChildBlock("fcUsers", new LinearLayer(width, width, true));
        fcAps = addChildBlock("fcAps", new LinearLayer(width, width, false));
        fcChosen = addChildBlock("fcChosen", new LinearLayer(width, width, false));
        fcOther = addChildBlock("fcOther", new LinearLayer(width, width, false));
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
        private final int aps;
        private final int users;
        private NDArray init;       // (R, M, K, F + d)
        private NDArray keys;       // (R, N, d)
        private NDArray chosen;     // (R, M, K, 1) 0/1

        State(ParameterStore ps, Encoding encoding, int rows, boolean training) {
            this.ps = ps;
            this.training = training;
            Encoding enc = encoding.repeat(rows);
            aps = (int) enc.graph().edges().getShape().get(1);
            users = (int) enc.graph().edges().getShape().get(2);
            NDArray cand = enc.candidates();
            init = NDArrays.concat(new NDList(enc.edgeInputs(), enc.graph().edges()), 3);
            keys = keyWeight.apply(ps, cand, training);
            chosen = cand.getManager().zeros(new Shape(cand.getShape().get(0), aps, users, 1));
        }

        @Override
        public NDArray query(NDArray mask) {
            GraphState g = gnn.apply(ps, init, chosen, training);
            NDArray one = Tensors.scalar(chosen, 1.0);
            NDArray other = one.sub(chosen);
            NDArray e = g.edges();
            NDArray meanChosen = e.mul(chosen).sum(new int[] {1, 2}).div(chosen.sum(new int[] {1, 2}).maximum(one));
            NDArray meanOther = e.mul(other).sum(new int[] {1, 2}).div(other.sum(new int[] {1, 2}).maximum(one));
            NDArray c = fcUsers.apply(ps, g.rx().mean(new int[] {1}), training)
                    .add(fcAps.apply(ps, g.tx().mean(new int[] {1}), training))
                    .add(fcChosen.apply(ps, meanChosen, training))
                    .add(fcOther.apply(ps, meanOther, training));
            return queryWeight.apply(ps, c, training);
        }

        @Override
        public NDArray keys() {
            return keys;
        }

        @Override
        public void advance(NDArray actions) {
            long r = actions.getShape().get(0);
            int n = aps * users;
            NDArray oneHot = actions.oneHot(n + 1).toType(chosen.getDataType(), false).get(":, :" + n);
            chosen = chosen.add(oneHot.reshape(r, aps, users, 1));
        }

        @Override
        public NDList carried() {
            return new NDList(init, keys, chosen);
        }

        @Override
        public void reorder(NDArray parents) {
            init = init.get(parents);
            keys = keys.get(parents);
            chosen = chosen.get(parents);
        }
    }
}
