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

    /** Mean over {@code axis} of x (R, M, K, d), counting entries where w (R, M, K, 1) is 1. */
    private static NDArray maskedMean(NDArray x, NDArray w, int axis) {
        return x.mul(w).sum(new int[] {axis}).div(w.sum(new int[] {axis}).maximum(Tensors.scalar(w, 1.0)));
    }

    /**
     * @param input  (R, M, K, F) edge inputs
     * @param chosen (R, M, K, 1) 1 for links of the first type (in the support set), 0 otherwise
     * @return AP nodes (R, M, d), UE nodes (R, K, d), edges (R, M, K, d)
     */
    public GraphState apply(ParameterStore ps, NDArray input, NDArray chosen, boolean training) {
        NDArray other = Tensors.scalar(chosen, 1.0).sub(chosen);
        NDArray e = initChosen.apply(ps, input, training).mul(chosen).add(initOther.apply(ps, input, training).mul(other));
        long r = e.getShape().get(0);
        NDArray a = e.getManager().zeros(new Shape(r, e.getShape().get(1), width));
        NDArray u = e.getManager().zeros(new Shape(r, e.getShape().get(2), width));
        for (Mlp[] m : layers) {
            NDArray aIn = NDArrays.concat(new NDList(a, maskedMean(m[0].apply(ps, e, training), chosen, 2),
                    maskedMean(m[1].apply(ps, e, training), other, 2)), 2);
            NDArray uIn = NDArrays.concat(new NDList(u, maskedMean(m[2].apply(ps, e, training), chosen, 1),
                    maskedMean(m[3].apply(ps, e, training), other, 1)), 2);
            a = m[4].apply(ps, aIn, training);
            u = m[5].apply(ps, uIn, training);
            List<NDArray> in = List.of(e, a.expandDims(2), u.expandDims(1));
            NDArray otherEdges = m[7] == null ? e : m[7].applyConcat(ps, in, training);
            e = m[6].applyConcat(ps, in, training).mul(chosen).add(otherEdges.mul(other));
        }
        return new GraphState(a, u, e);
    }
}
