package org.belladonna.nima;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * {@code torch.nn.Conv2d(in, out, 3, padding=1)}: stride 1, zero padding 1, with bias; parameters
 * {@code weight} (out, in, 3, 3) and {@code bias} (out), declared so a state dict is checked against them.
 */
final class TorchConv extends AbstractBlock {
    private final int out;
    private final Parameter weight;
    private final Parameter bias;

    TorchConv(int in, int out) {
        this.out = out;
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(out, in, 3, 3)).optRequiresGrad(false).build());
        bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
                .optShape(new Shape(out)).optRequiresGrad(false).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        return Conv2d.conv2d(x, store.getValue(weight, x.getDevice(), training), store.getValue(bias, x.getDevice(), training),
                new Shape(1, 1), new Shape(1, 1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), out, s.get(2), s.get(3))};
    }
}
