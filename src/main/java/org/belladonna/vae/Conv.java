package org.belladonna.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Conv2d with "same" padding (kernel / 2) that knows its input channels, so its weight shape is
 * declared before any input is seen and a weights file can be checked against it.
 */
final class Conv extends AbstractBlock {
    private final int out;
    private final int kernel;
    private final int stride;
    private final Parameter weight;
    private final Parameter bias;

    private Conv(int in, int out, int kernel, int stride, boolean withBias) {
        this.out = out;
        this.kernel = kernel;
        this.stride = stride;
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(out, in, kernel, kernel)).optRequiresGrad(false).build());
        bias = withBias ? addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
                .optShape(new Shape(out)).optRequiresGrad(false).build()) : null;
    }

    /** taesd's {@code conv(n_in, n_out)}: 3x3, padding 1, with bias. */
    static Conv conv(int in, int out) {
        return new Conv(in, out, 3, 1, true);
    }

    /** {@code conv(n_in, n_out, stride=s, bias=b)}; stride 2 halves the resolution. */
    static Conv conv(int in, int out, int stride, boolean withBias) {
        return new Conv(in, out, 3, stride, withBias);
    }

    /** {@code nn.Conv2d(n_in, n_out, 1, bias=False)}, as in the midblock pool branch. */
    static Conv conv1x1(int in, int out) {
        return new Conv(in, out, 1, 1, false);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = store.getValue(weight, x.getDevice(), training);
        NDArray b = bias == null ? null : store.getValue(bias, x.getDevice(), training);
        int pad = kernel / 2;
        return Conv2d.conv2d(x, w, b, new Shape(stride, stride), new Shape(pad, pad));
    }

    long flops(Shape input) {
        Shape output = getOutputShapes(new Shape[] {input})[0];
        return 2L * input.get(1) * kernel * kernel * output.size();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        int pad = kernel / 2;
        return new Shape[] {new Shape(s.get(0), out,
                (s.get(2) + 2 * pad - kernel) / stride + 1, (s.get(3) + 2 * pad - kernel) / stride + 1)};
    }
}
