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
     * The layers of {@link #onHost} applied in order to the graphs of one or more instances, all of the
     * same size, computed together; returns the graphs in order (without edges if the last layer makes
     * none, see {@link HostGraph}).
     */
    public static List<HostGraph> applyOnHost(List<EngnnLayer.Host> layers, List<HostGraph> graphs) {
        HostWorkspace ws = HostWorkspace.ofThisThread();
        HostColumnGraph in = HostColumnGraph.of(graphs, ws);
        return applyOnHost(layers, in, ws).toRows(ws, makesEdges(layers));
    }

    /** Whether host layers {@code layers} end with new edge features (see {@link HostGraph} for when they do not). */
    static boolean makesEdges(List<EngnnLayer.Host> layers) {
        return layers.isEmpty() || layers.get(layers.size() - 1).outputs() == EngnnLayer.Outputs.ALL;
    }

    /**
     * {@link #applyOnHost(List, HostGraph)} on feature-major features, the form the layers compute in:
     * {@code g}'s arrays come from {@code ws}, and so do the result's.
     */
    static HostColumnGraph applyOnHost(List<EngnnLayer.Host> layers, HostColumnGraph g, HostWorkspace ws) {
        for (EngnnLayer.Host l : layers) {
            g = l.apply(g, ws);
        }
        return g;
    }
}
