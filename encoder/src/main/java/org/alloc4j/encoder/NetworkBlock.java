package org.alloc4j.encoder;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;

/**
 * Base of alloc4j's composite networks: children are registered in the constructor with their input
 * widths known, so {@link #initialize(NDManager)} needs no sample input. Composite networks are used
 * through typed methods rather than {@code forward(NDList)}, because their inputs depend on the
 * instance sizes.
 */
public abstract class NetworkBlock extends AbstractBlock {

    /** Initialises every parameter in float32. */
    public final void initialize(NDManager manager) {
        initialize(manager, DataType.FLOAT32);
    }

    /** Initialises the children; each knows its own input width. */
    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (Block child : getChildren().values()) {
            if (child instanceof Mlp m) {
                m.initialize(manager, dataType, new Shape(1, m.inputWidth()));
            } else if (child instanceof NetworkBlock n) {
                n.initialize(manager, dataType);
            } else if (child instanceof ai.djl.nn.core.Linear) {
                throw new IllegalStateException("use LinearLayer for plain linear children, so the input width is known");
            } else {
                child.initialize(manager, dataType, childInputShape(child));
            }
        }
    }

    /** Input shape of a child that is neither an {@link Mlp} nor a {@link NetworkBlock}. */
    protected Shape childInputShape(Block child) {
        throw new IllegalStateException("no input shape known for child " + child);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        throw new UnsupportedOperationException(getClass().getSimpleName()
                + " is used through its typed methods; output shapes depend on the instance sizes");
    }

    @Override
    protected ai.djl.ndarray.NDList forwardInternal(ai.djl.training.ParameterStore ps, ai.djl.ndarray.NDList inputs,
                                                   boolean training, ai.djl.util.PairList<String, Object> params) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " is used through its typed methods");
    }
}
