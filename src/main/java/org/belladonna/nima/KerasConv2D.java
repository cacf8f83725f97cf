package org.belladonna.nima;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

/**
 * Keras {@code Conv2D(filters, kernel, strides, padding, use_bias=False)}: kernel stored HWIO, run as
 * OIHW. 'same' pads as TensorFlow does ({@link KerasConventions#samePadding}); 'valid' does not pad.
 */
final class KerasConv2D extends KerasLayer {
    private final int in;
    private final int out;
    private final int kernel;
    private final int stride;
    private final boolean same;
    private final KerasConventions conventions;
    private NDArray weight;

    private KerasConv2D(String name, int in, int out, int kernel, int stride, boolean same, KerasConventions conventions) {
        super(name);
        this.in = in;
        this.out = out;
        this.kernel = kernel;
        this.stride = stride;
        this.same = same;
        this.conventions = conventions;
    }

    /** The 1x1 convolutions of the cells: stride 1, 'same' (no padding needed). */
    static KerasConv2D pointwise(String name, int in, int out, KerasConventions conventions) {
        return new KerasConv2D(name, in, out, 1, 1, true, conventions);
    }

    static KerasConv2D valid(String name, int in, int out, int kernel, int stride, KerasConventions conventions) {
        return new KerasConv2D(name, in, out, kernel, stride, false, conventions);
    }

    @Override
    void load(KerasWeights weights, NDManager manager) throws WeightFileException {
        KerasWeights.Tensor k = weights.get(kerasName(), "kernel", kernel, kernel, in, out);
        weight = manager.create(KerasLayout.convToTorch(k.data(), k.shape()), new Shape(out, in, kernel, kernel));
    }

    @Override
    NDArray forward(NDArray x) {
        if (same && kernel > 1) {
            x = TfPadding.pad(x, kernel, stride, conventions, 0);
        }
        return Conv2d.conv2d(x, weight, null, new Shape(stride, stride), new Shape(0, 0)).singletonOrThrow();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), out, outSize(s.get(2)), outSize(s.get(3)))};
    }

    private long outSize(long size) {
        return same ? (size + stride - 1) / stride : (size - kernel) / stride + 1;
    }
}
