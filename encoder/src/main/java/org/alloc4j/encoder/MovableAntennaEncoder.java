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

    /** A host copy of the current parameters: {@link Host#encode} is {@link #encode} for one instance. */
    public Host onHost(ParameterStore ps, ai.djl.Device device) {
        return new Host(edgeInput.onHost(ps, device), positionInput.onHost(ps, device), gnn.onHost(ps, device), width);
    }

    /** The encoder in plain Java, for greedy inference at small batches. */
    public static final class Host {
        private final HostMlp edgeInput;
        private final HostMlp positionInput;
        private final java.util.List<EngnnLayer.Host> layers;
        private final int width;

        private Host(HostMlp edgeInput, HostMlp positionInput, java.util.List<EngnnLayer.Host> layers, int width) {
            this.edgeInput = edgeInput;
            this.positionInput = positionInput;
            this.layers = layers;
            this.width = width;
        }

        /**
         * @param edgeFeatures one instance's edge features, (Q·K, 3) as {@link MovableAntennaFeatures#edgesOf}
         * @param positions    the CP node features, (Q, 2) as {@link MovableAntennaFeatures#positionsOf}
         * @return the final graph; its transmitter nodes are the candidate embeddings (its edges are null
         *         when the last layer makes node features only, see {@link HostGraph})
         */
        public HostGraph encode(float[] edgeFeatures, float[] positions, int candidates, int users) {
            return encodeAll(java.util.List.of(edgeFeatures), java.util.List.of(positions), candidates, users).get(0);
        }

        /**
         * {@link #encode} of several same-size instances, computed together (each product runs over all
         * their edges at once, which the vectorised loops prefer to one small graph at a time).
         *
         * @param edgeFeatures per instance, (Q·K, 3); every instance with the same Q and K
         * @param positions    per instance, (Q, 2)
         * @return the final graphs, in order
         */
        public java.util.List<HostGraph> encodeAll(java.util.List<float[]> edgeFeatures, java.util.List<float[]> positions,
                                                   int candidates, int users) {
            int graphs = edgeFeatures.size();
            HostWorkspace ws = HostWorkspace.ofThisThread();
            float[][] positionColumns = HostColumnGraph.nodeColumnsOf(positions, candidates, positionInput.inputWidth(), ws);
            float[][] t = positionInput.applyColumns(positionColumns, graphs * candidates, ws);
            ws.give(positionColumns);
            float[][] edgeColumns = HostColumnGraph.edgeColumnsOf(edgeFeatures, candidates, users, edgeInput.inputWidth(), ws);
            float[][] e = edgeInput.applyColumns(edgeColumns, graphs * candidates * users, ws);
            ws.give(edgeColumns);
            return EdgeNodeGnn.applyOnHost(layers, new HostColumnGraph(t, ws.take(width, graphs * users), e, candidates, users,
                    graphs), ws).toRows(ws, EdgeNodeGnn.makesEdges(layers));
        }
    }
}
