package org.belladonna.nima;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;

/**
 * Conv (no bias) -> BatchNorm -> ReLU6, the unit MobileNet v1 is built from, with the BatchNorm folded
 * into the conv's weight and bias at load. Stride-2 layers pad as Keras' MobileNet does:
 * {@code ZeroPadding2D(((0, 1), (0, 1)))} then a 'valid' conv, i.e. one extra row/column at the
 * bottom/right only (TF's 'same' on even sizes); stride-1 layers use 'same' padding.
 */
final class ConvBnRelu6 {
    private static final Shape BOTTOM_RIGHT = new Shape(0, 1, 0, 1); // (left, right, top, bottom)

    private final NDArray weight;
    private final NDArray bias;
    private final int kernel;
    private final int stride;
    private final int groups;

    private ConvBnRelu6(NDArray weight, NDArray bias, int kernel, int stride, int groups) {
        this.weight = weight;
        this.bias = bias;
        this.kernel = kernel;
        this.stride = stride;
        this.groups = groups;
    }

    /** A full conv: Keras layer {@code conv} (kernel HWIO) followed by BatchNorm layer {@code bn}. */
    static ConvBnRelu6 conv(KerasWeights weights, NDManager manager, String conv, String bn,
                            int in, int out, int kernel, int stride) throws WeightFileException {
        KerasWeights.Tensor k = weights.get(conv, "kernel", kernel, kernel, in, out);
        FoldedBatchNorm norm = FoldedBatchNorm.read(weights, bn, out);
        float[] oihw = norm.foldInto(KerasLayout.convToTorch(k.data(), k.shape()));
        return new ConvBnRelu6(manager.create(oihw, new Shape(out, in, kernel, kernel)),
                manager.create(norm.shift()), kernel, stride, 1);
    }

    /** A 3x3 depthwise conv (depth multiplier 1): one filter per channel, i.e. a grouped conv with groups = C. */
    static ConvBnRelu6 depthwise(KerasWeights weights, NDManager manager, String conv, String bn,
                                 int channels, int stride) throws WeightFileException {
        KerasWeights.Tensor k = weights.get(conv, "depthwise_kernel", 3, 3, channels, 1);
        FoldedBatchNorm norm = FoldedBatchNorm.read(weights, bn, channels);
        float[] c1hw = norm.foldInto(KerasLayout.depthwiseToTorch(k.data(), k.shape()));
        return new ConvBnRelu6(manager.create(c1hw, new Shape(channels, 1, 3, 3)),
                manager.create(norm.shift()), 3, stride, channels);
    }

    NDArray forward(NDArray x) {
        Shape padding;
        if (stride == 2) {
            x = x.pad(BOTTOM_RIGHT, 0);
            padding = new Shape(0, 0);
        } else {
            padding = new Shape(kernel / 2, kernel / 2);
        }
        NDArray y = Conv2d.conv2d(x, weight, bias, new Shape(stride, stride), padding, new Shape(1, 1), groups)
                .singletonOrThrow();
        return Activation.relu6(y);
    }
}
