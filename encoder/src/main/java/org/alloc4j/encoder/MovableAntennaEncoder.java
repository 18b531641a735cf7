package org.alloc4j.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

/**
 * The movable-antenna encoder: edges (CP, UE) from an MLP of the channel features, CP nodes from an
 * MLP of their positions, UE nodes at zero, then the ENGNN; the final CP node features are the
 * candidate embeddings. The weights fit any Q and K.
 */
public final class MovableAntennaEncoder extends NetworkBlock {
    private final int width;
    private final Mlp edgeInput;
    private final Mlp positionInput;
    private final EdgeNodeGnn gnn;

    /**
     * @param last what the last ENGNN layer must produce: {@link EngnnLayer.Outputs#TX} for the decoder
     *             (candidate-position nodes only), {@link EngnnLayer.Outputs#ALL} for the critic
     */
    public MovableAntennaEncoder(EncoderConfig config, EngnnLayer.Outputs last) {
        this.width = config.width();
        edgeInput = addChildBlock("edgeInput", new Mlp(MovableAntennaFeatures.EDGE_WIDTH, width, width, config.batchNorm()));
        positionInput = addChildBlock("positionInput", new Mlp(2, width, width, config.batchNorm()));
        gnn = addChildBlock("gnn", new EdgeNodeGnn(width, config.layers(), config.batchNorm(), last));
    }

    public Encoding encode(ParameterStore ps, MovableAntennaFeatures f, boolean training) {
        NDArray e = edgeInput.apply(ps, f.edges(), training);                      // (B, Q, K, d)
        long b = e.getShape().get(0);
        NDArray t = positionInput.apply(ps, f.positions(), training).expandDims(0)
                .broadcast(new Shape(b, f.candidates(), width));                  // (B, Q, d)
        NDArray r = e.getManager().zeros(new Shape(b, f.users(), width));
        GraphState g = gnn.apply(ps, new GraphState(t, r, e), training);
        return new Encoding(g, g.tx(), f.edges());
    }
}
