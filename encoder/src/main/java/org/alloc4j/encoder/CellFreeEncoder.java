package org.alloc4j.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;

/**
 * The cell-free encoder: edges start from an MLP of the edge features, AP and UE nodes at zero, then
 * the ENGNN; the final edge features, in candidate order m·K + k, are the candidate embeddings.
 * The weights fit any M and K; N is fixed by the edge feature width.
 */
public final class CellFreeEncoder extends NetworkBlock {
    private final int width;
    private final Mlp edgeInput;
    private final EdgeNodeGnn gnn;

    public CellFreeEncoder(EncoderConfig config, int antennas) {
        this.width = config.width();
        edgeInput = addChildBlock("edgeInput", new Mlp(CellFreeFeatures.edgeWidth(antennas), width, width, config.batchNorm()));
        gnn = addChildBlock("gnn", new EdgeNodeGnn(width, config.layers(), config.batchNorm(), EngnnLayer.Outputs.ALL));
    }

    public Encoding encode(ParameterStore ps, CellFreeFeatures f, boolean training) {
        NDArray e = edgeInput.apply(ps, f.edges(), training);                      // (B, M, K, d)
        long b = e.getShape().get(0);
        NDArray t = e.getManager().zeros(new ai.djl.ndarray.types.Shape(b, f.aps(), width));
        NDArray r = e.getManager().zeros(new ai.djl.ndarray.types.Shape(b, f.users(), width));
        GraphState g = gnn.apply(ps, new GraphState(t, r, e), training);
        return new Encoding(g, g.edges().reshape(b, (long) f.aps() * f.users(), width), f.edges());
    }

    /** A host copy of the current parameters: {@link Host#encodeAll} is {@link #encode}. */
    public Host onHost(ParameterStore ps, ai.djl.Device device) {
        return new Host(edgeInput.onHost(ps, device), gnn.onHost(ps, device));
    }

    /** The encoder in plain Java, for greedy inference at small batches. */
    public static final class Host {
        private final HostMlp edgeInput;
        private final java.util.List<EngnnLayer.Host> layers;

        private Host(HostMlp edgeInput, java.util.List<EngnnLayer.Host> layers) {
            this.edgeInput = edgeInput;
            this.layers = layers;
        }

        /**
         * {@link CellFreeEncoder#encode} of one or more same-size instances, computed together (each product
         * runs over all their edges at once).
         *
         * @param edgeFeatures per instance, (M·K, 2N+1) as in {@link CellFreeFeatures}; every instance with
         *                     the same M and K
         * @return the final graphs, in order; their edges are the candidate embeddings in candidate order
         */
        public java.util.List<HostGraph> encodeAll(java.util.List<float[]> edgeFeatures, int aps, int users) {
            return EdgeNodeGnn.applyOnHost(layers, edgeInput, edgeFeatures, aps, users);
        }
    }
}
