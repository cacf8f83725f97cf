package org.belladonna.vae;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;

/**
 * Layers applied in order, named "0", "1", ... like {@code torch.nn.Sequential}, so the state-dict
 * key of a layer is its index (DJL's SequentialBlock would name them "01Conv2d", ...). Each layer's
 * output is freed once the next layer has run (see {@link Intermediates}); the input is the caller's.
 */
class Sequential extends AbstractBlock {
    Sequential add(ai.djl.nn.Block layer) {
        children.add(Integer.toString(children.size()), layer);
        return this;
    }

    static Sequential of(ai.djl.nn.Block... layers) {
        Sequential s = new Sequential();
        for (ai.djl.nn.Block layer : layers) {
            s.add(layer);
        }
        return s;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList x = inputs;
        for (Pair<String, ai.djl.nn.Block> layer : children) {
            NDList y = layer.getValue().forward(store, x, training, params);
            if (x != inputs) {
                Intermediates.release(x, y);
            }
            x = y;
        }
        return x;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] shapes = inputShapes;
        for (Pair<String, ai.djl.nn.Block> layer : children) {
            shapes = layer.getValue().getOutputShapes(shapes);
        }
        return shapes;
    }
}
