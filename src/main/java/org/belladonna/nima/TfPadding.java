package org.belladonna.nima;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;

/** TensorFlow's 'same' padding and the pools NASNet builds on it, on NCHW arrays. */
final class TfPadding {
    private TfPadding() {
    }

    /** Pads H and W as 'same' needs for this kernel and stride, with {@code value}. */
    static NDArray pad(NDArray x, int kernel, int stride, KerasConventions conventions, double value) {
        Shape s = x.getShape();
        int[] h = conventions.samePadding((int) s.get(2), kernel, stride);
        int[] w = conventions.samePadding((int) s.get(3), kernel, stride);
        if (h[0] == 0 && h[1] == 0 && w[0] == 0 && w[1] == 0) {
            return x;
        }
        return x.pad(new Shape(w[0], w[1], h[0], h[1]), value); // (left, right, top, bottom)
    }

    /** {@code MaxPooling2D(3, strides, padding='same')}: the padding never wins (it is -inf). */
    static NDArray maxPoolSame(NDArray x, int stride, KerasConventions conventions) {
        return Pool.maxPool2d(pad(x, 3, stride, conventions, Double.NEGATIVE_INFINITY), new Shape(3, 3),
                new Shape(stride, stride), new Shape(0, 0), false);
    }

    /** {@code AveragePooling2D(3, strides, padding='same')}: the mean over the pixels inside the image only. */
    static NDArray avgPoolSame(NDArray x, int stride, KerasConventions conventions) {
        Shape window = new Shape(3, 3);
        Shape step = new Shape(stride, stride);
        NDArray sums = Pool.avgPool2d(pad(x, 3, stride, conventions, 0), window, step, new Shape(0, 0), false, true);
        NDArray ones = x.getManager().ones(new Shape(1, 1, x.getShape().get(2), x.getShape().get(3)), x.getDataType(),
                x.getDevice());
        NDArray inside = Pool.avgPool2d(pad(ones, 3, stride, conventions, 0), window, step, new Shape(0, 0), false, true);
        return sums.div(inside);
    }

    /** keras-applications' {@code ZeroPadding2D(correct_pad(x, 3))} then a 'valid' 3x3 max pool: zeros compete. */
    static NDArray maxPoolZeroPadded(NDArray x, int stride, KerasConventions conventions) {
        return Pool.maxPool2d(pad(x, 3, stride, conventions, 0), new Shape(3, 3), new Shape(stride, stride),
                new Shape(0, 0), false);
    }

    /** The same with a 'valid' 3x3 average: zeros count, every window divides by 9. */
    static NDArray avgPoolZeroPadded(NDArray x, int stride, KerasConventions conventions) {
        return Pool.avgPool2d(pad(x, 3, stride, conventions, 0), new Shape(3, 3), new Shape(stride, stride),
                new Shape(0, 0), false, true);
    }
}
