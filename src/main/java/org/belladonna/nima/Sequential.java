package org.belladonna.nima;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;

/**
 * Layers applied in order and named "0", "1", ... like {@code torch.nn.Sequential}, so a layer's
 * state-dict key is its index ({@code features.10.weight}); DJL's SequentialBlock would say "01Conv2d".
 */
final class Sequential extends AbstractBlock {
    static Sequential of(Block... layers) {
        Sequential s = new Sequential();
        for (Block layer : layers) {
            s.children.add(Integer.toString(s.children.size()), layer);
        }
        return s;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList x = inputs;
        for (Pair<String, Block> layer : children) {
            x = layer.getValue().forward(store, x, training, params);
        }
        return x;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] shapes = inputShapes;
        for (Pair<String, Block> layer : children) {
            shapes = layer.getValue().getOutputShapes(shapes);
        }
        return shapes;
    }
}
