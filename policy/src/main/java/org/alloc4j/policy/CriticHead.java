package org.alloc4j.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import org.alloc4j.encoder.GraphState;
import org.alloc4j.encoder.LinearLayer;
import org.alloc4j.encoder.NetworkBlock;

/**
 * The critic's readout (SPEC §4.4): V = w·ReLU(FC1(mean of UE nodes) + FC2(mean of TX nodes) +
 * FC3(mean of edges)) + b, a scalar sum-rate estimate per instance.
 */
final class CriticHead extends NetworkBlock {
    private final LinearLayer fcRx;
    private final LinearLayer fcTx;
    private final LinearLayer fcEdges;
    private final LinearLayer out;

    CriticHead(int width) {
        fcRx = addChildBlock("fcRx", new LinearLayer(width, width, true));
        fcTx = addChildBlock("fcTx", new LinearLayer(width, width, false));
        fcEdges = addChildBlock("fcEdges", new LinearLayer(width, width, false));
        out = addChildBlock("out", new LinearLayer(width, 1, true));
    }

    /** (B). */
    NDArray value(ParameterStore ps, GraphState g, boolean training) {
        NDArray h = fcRx.apply(ps, g.rx().mean(new int[] {1}), training)
                .add(fcTx.apply(ps, g.tx().mean(new int[] {1}), training))
                .add(fcEdges.apply(ps, g.edges().mean(new int[] {1}).mean(new int[] {1}), training));
        return out.apply(ps, Activation.relu(h), training).squeeze(1);
    }
}
