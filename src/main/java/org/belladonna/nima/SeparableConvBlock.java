package org.belladonna.nima;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * NASNet's {@code _separable_conv_block}: [ReLU - SeparableConv2D - BatchNorm] twice, the first conv
 * carrying the stride. Keras names: {@code separable_conv_1_<id>}, {@code separable_conv_1_bn_<id>},
 * {@code separable_conv_2_<id>}, {@code separable_conv_2_bn_<id>}.
 */
final class SeparableConvBlock extends AbstractBlock {
    private final KerasSeparableConv2D conv1;
    private final KerasBatchNorm bn1;
    private final KerasSeparableConv2D conv2;
    private final KerasBatchNorm bn2;
    private final String id;

    SeparableConvBlock(String id, int in, int filters, int kernel, int stride, KerasConventions conventions) {
        this.id = id;
        conv1 = add(new KerasSeparableConv2D("separable_conv_1_" + id, in, filters, kernel, stride, conventions));
        bn1 = add(new KerasBatchNorm("separable_conv_1_bn_" + id, filters, conventions));
        conv2 = add(new KerasSeparableConv2D("separable_conv_2_" + id, filters, filters, kernel, 1, conventions));
        bn2 = add(new KerasBatchNorm("separable_conv_2_bn_" + id, filters, conventions));
    }

    private <L extends KerasLayer> L add(L layer) {
        children.add(layer.kerasName(), layer);
        return layer;
    }

    /** The block id in its Keras layer names, e.g. "normal_left1_0". */
    String id() {
        return id;
    }

    NDArray forward(NDArray x) {
        x = bn1.forward(conv1.forward(Activation.relu(x)));
        return bn2.forward(conv2.forward(Activation.relu(x)));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forward(inputs.singletonOrThrow()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return conv2.getOutputShapes(conv1.getOutputShapes(inputShapes));
    }
}
