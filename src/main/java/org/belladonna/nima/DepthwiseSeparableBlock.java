package org.belladonna.nima;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * MobileNet v1's depthwise separable convolution (Howard et al. 2017, Fig. 3): a 3x3 depthwise conv that
 * filters each channel, then a 1x1 pointwise conv that mixes them, each followed by BatchNorm and ReLU6.
 * Keras names: {@code conv_dw_<id>}, {@code conv_dw_<id>_bn}, {@code conv_pw_<id>}, {@code conv_pw_<id>_bn}.
 */
final class DepthwiseSeparableBlock {
    private final ConvBnRelu6 depthwise;
    private final ConvBnRelu6 pointwise;

    private DepthwiseSeparableBlock(ConvBnRelu6 depthwise, ConvBnRelu6 pointwise) {
        this.depthwise = depthwise;
        this.pointwise = pointwise;
    }

    static DepthwiseSeparableBlock load(KerasWeights weights, NDManager manager, int id,
                                        int in, int out, int stride) throws WeightFileException {
        return new DepthwiseSeparableBlock(
                ConvBnRelu6.depthwise(weights, manager, "conv_dw_" + id, "conv_dw_" + id + "_bn", in, stride),
                ConvBnRelu6.conv(weights, manager, "conv_pw_" + id, "conv_pw_" + id + "_bn", in, out, 1, 1));
    }

    static String[] kerasLayers(int id) {
        return new String[] {"conv_dw_" + id, "conv_dw_" + id + "_bn", "conv_pw_" + id, "conv_pw_" + id + "_bn"};
    }

    NDArray forward(NDArray x) {
        return pointwise.forward(depthwise.forward(x));
    }
}
