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

    /** A host copy of the current parameters: {@link Host#encodeAll} is {@link #encode}. */
    public Host onHost(ParameterStore ps, ai.djl.Device device) {
        return new Host(edgeInput.onHost(ps, device), positionInput.onHost(ps, device), gnn.onHost(ps, device));
    }

    /** The encoder in plain Java, for greedy inference at small batches. */
    public static final class Host {
        private final HostMlp edgeInput;
        private final HostMlp positionInput;
        private final java.util.List<EngnnLayer.Host> layers;

        private Host(HostMlp edgeInput, HostMlp positionInput, java.util.List<EngnnLayer.Host> layers) {
            this.edgeInput = edgeInput;
            this.positionInput = positionInput;
            this.layers = layers;
        }

        /**
         * {@link MovableAntennaEncoder#encode} of one or more same-size instances, computed together (each
         * product runs over all their edges at once, which the vectorised loops prefer to one small graph at
         * a time).
         *
         * @param edgeFeatures per instance, (Q·K, 3) as {@link MovableAntennaFeatures#edgesOf}; every instance
         *                     with the same Q and K
         * @param positions    per instance, the CP node features, (Q, 2) as {@link MovableAntennaFeatures#positionsOf}
         * @return the final graphs, in order; their transmitter nodes are the candidate embeddings (their edges
         *         are null when the last layer makes node features only, see {@link HostGraph})
         */
        public java.util.List<HostGraph> encodeAll(java.util.List<float[]> edgeFeatures, java.util.List<float[]> positions,
                                                   int candidates, int users) {
            HostWorkspace ws = HostWorkspace.ofThisThread();
            float[][] positionColumns = HostColumnGraph.nodeColumnsOf(positions, candidates, positionInput.inputWidth(), ws);
            float[][] t = positionInput.applyColumns(positionColumns, positions.size() * candidates, ws);
            ws.give(positionColumns);
            return EdgeNodeGnn.applyOnHost(layers, edgeInput, edgeFeatures, t, candidates, users, ws);
        }
    }
}
