package org.belladonna.nima;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.pooling.Pool;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * MobileNet v1 (Howard et al. 2017, Table 1) as {@code keras.applications.MobileNet(alpha=1,
 * depth_multiplier=1, include_top=False, pooling='avg')} builds it: a 3x3 stride-2 conv to 32 channels,
 * 13 depthwise separable blocks, global average pooling to 1024 features. Input NCHW, any size >= 32.
 */
final class MobileNetV1 {
    static final int FEATURES = 1024;
    /** Pointwise output channels and depthwise stride of blocks 1..13. */
    private static final int[] FILTERS = {64, 128, 128, 256, 256, 512, 512, 512, 512, 512, 512, 1024, 1024};
    private static final int[] STRIDES = {1, 2, 1, 2, 1, 2, 1, 1, 1, 1, 1, 2, 1};

    private final ConvBnRelu6 conv1;
    private final List<DepthwiseSeparableBlock> blocks;

    private MobileNetV1(ConvBnRelu6 conv1, List<DepthwiseSeparableBlock> blocks) {
        this.conv1 = conv1;
        this.blocks = blocks;
    }

    static MobileNetV1 load(KerasWeights weights, NDManager manager) throws WeightFileException {
        ConvBnRelu6 conv1 = ConvBnRelu6.conv(weights, manager, "conv1", "conv1_bn", 3, 32, 3, 2);
        List<DepthwiseSeparableBlock> blocks = new ArrayList<>();
        int channels = 32;
        for (int i = 0; i < FILTERS.length; i++) {
            blocks.add(DepthwiseSeparableBlock.load(weights, manager, i + 1, channels, FILTERS[i], STRIDES[i]));
            channels = FILTERS[i];
        }
        return new MobileNetV1(conv1, List.copyOf(blocks));
    }

    /** The Keras names of every layer that holds weights. */
    static List<String> kerasLayers() {
        List<String> names = new ArrayList<>(List.of("conv1", "conv1_bn"));
        for (int id = 1; id <= FILTERS.length; id++) {
            names.addAll(Arrays.asList(DepthwiseSeparableBlock.kerasLayers(id)));
        }
        return names;
    }

    /** (N, 3, H, W) -> (N, 1024). */
    NDArray forward(NDArray x) {
        x = conv1.forward(x);
        for (DepthwiseSeparableBlock block : blocks) {
            x = block.forward(x);
        }
        return Pool.globalAvgPool2d(x); // GlobalAveragePooling2D
    }
}
