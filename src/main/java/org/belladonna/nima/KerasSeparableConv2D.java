package org.belladonna.nima;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

/**
 * Keras {@code SeparableConv2D(filters, kernel, strides, padding='same', use_bias=False)}, depth multiplier
 * 1: a depthwise k x k conv (one filter per channel, the stride applies here) then a 1x1 pointwise conv.
 * Weights {@code depthwise_kernel} (k, k, C, 1) and {@code pointwise_kernel} (1, 1, C, F).
 */
final class KerasSeparableConv2D extends KerasLayer {
    private final int in;
    private final int out;
    private final int kernel;
    private final int stride;
    private final KerasConventions conventions;
    private NDArray depthwise;
    private NDArray pointwise;

    KerasSeparableConv2D(String name, int in, int out, int kernel, int stride, KerasConventions conventions) {
        super(name);
        this.in = in;
        this.out = out;
        this.kernel = kernel;
        this.stride = stride;
        this.conventions = conventions;
    }

    @Override
    void load(KerasWeights weights, NDManager manager) throws WeightFileException {
        KerasWeights.Tensor d = weights.get(kerasName(), "depthwise_kernel", kernel, kernel, in, 1);
        KerasWeights.Tensor p = weights.get(kerasName(), "pointwise_kernel", 1, 1, in, out);
        depthwise = manager.create(KerasLayout.depthwiseToTorch(d.data(), d.shape()), new Shape(in, 1, kernel, kernel));
        pointwise = manager.create(KerasLayout.convToTorch(p.data(), p.shape()), new Shape(out, in, 1, 1));
    }

    @Override
    NDArray forward(NDArray x) {
        // stride 2 in keras-applications is ZeroPadding2D(correct_pad) + 'valid': the same zeros as TF's 'same'
        NDArray padded = TfPadding.pad(x, kernel, stride, conventions, 0);
        NDArray y = Conv2d.conv2d(padded, depthwise, null, new Shape(stride, stride), new Shape(0, 0), new Shape(1, 1), in)
                .singletonOrThrow();
        return Conv2d.conv2d(y, pointwise, null).singletonOrThrow();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), out, (s.get(2) + stride - 1) / stride, (s.get(3) + stride - 1) / stride)};
    }
}
