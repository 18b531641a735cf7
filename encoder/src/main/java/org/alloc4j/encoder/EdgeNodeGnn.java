package org.alloc4j.encoder;

import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;

/** A stack of {@link EngnnLayer}s of width d. */
public final class EdgeNodeGnn extends NetworkBlock {
    private final List<EngnnLayer> layers = new ArrayList<>();

    /**
     * @param last what the last layer must produce (see {@link EngnnLayer.Outputs}); inner layers
     *             produce everything
     */
    public EdgeNodeGnn(int d, int depth, boolean batchNorm, EngnnLayer.Outputs last) {
        for (int i = 0; i < depth; i++) {
            layers.add(addChildBlock("layer" + i, new EngnnLayer(d, batchNorm, i == depth - 1 ? last : EngnnLayer.Outputs.ALL)));
        }
    }

    public GraphState apply(ParameterStore ps, GraphState g, boolean training) {
        GraphState s = g;
        for (EngnnLayer l : layers) {
            s = l.apply(ps, s, training);
        }
        return s;
    }

    public int depth() {
        return layers.size();
    }

    /** Host copies of the layers, in order (see {@link EngnnLayer.Host}). */
    public List<EngnnLayer.Host> onHost(ParameterStore ps, ai.djl.Device device) {
        List<EngnnLayer.Host> out = new ArrayList<>(layers.size());
        for (EngnnLayer l : layers) {
            out.add(l.onHost(ps, device));
        }
        return out;
    }

    /**
     * The layers of {@link #onHost} on the graphs of one or more same-size instances, computed together:
     * each graph's edges start as {@code edgeInput} of its edge features, its nodes at zero. Returns the
     * graphs in order (without edges if the last layer makes none, see {@link HostGraph}).
     *
     * @param edgeFeatures per instance, (M·K, F) with edge (i, j) at row i·K + j
     */
    public static List<HostGraph> applyOnHost(List<EngnnLayer.Host> layers, HostMlp edgeInput, List<float[]> edgeFeatures,
                                              int transmitters, int receivers) {
        HostWorkspace ws = HostWorkspace.ofThisThread();
        return applyOnHost(layers, edgeInput, edgeFeatures,
                ws.take(edgeInput.outputWidth(), edgeFeatures.size() * transmitters), transmitters, receivers, ws);
    }

    /**
     * {@link #applyOnHost(List, HostMlp, List, int, int)} with the transmitter nodes starting at {@code tx},
     * feature-major (G·M per feature) in arrays from {@code ws}.
     */
    static List<HostGraph> applyOnHost(List<EngnnLayer.Host> layers, HostMlp edgeInput, List<float[]> edgeFeatures,
                                       float[][] tx, int transmitters, int receivers, HostWorkspace ws) {
        int graphs = edgeFeatures.size();
        float[][] edgeColumns = HostColumnGraph.edgeColumnsOf(edgeFeatures, transmitters, receivers, edgeInput.inputWidth(), ws);
        float[][] e = edgeInput.applyColumns(edgeColumns, graphs * transmitters * receivers, ws);
        ws.give(edgeColumns);
        HostColumnGraph g = new HostColumnGraph(tx, ws.take(edgeInput.outputWidth(), graphs * receivers), e, transmitters,
                receivers, graphs);
        for (EngnnLayer.Host l : layers) {
            g = l.apply(g, ws);
        }
        boolean makesEdges = layers.isEmpty() || layers.get(layers.size() - 1).outputs() == EngnnLayer.Outputs.ALL;
        return g.toRows(ws, makesEdges);
    }
}
