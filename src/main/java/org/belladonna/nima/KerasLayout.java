package org.belladonna.nima;

/**
 * Keras stores kernels channels-last (conv HWIO, depthwise (kh, kw, C, 1), Dense (in, out)); PyTorch wants
 * (out, in, kh, kw) and Dense (out, in). Converted once, at load.
 */
final class KerasLayout {
    private KerasLayout() {
    }

    /** Conv kernel HWIO -> OIHW. */
    static float[] convToTorch(float[] hwio, int[] shape) {
        return permute(hwio, shape, 3, 2, 0, 1);
    }

    /** Depthwise kernel (kh, kw, C, 1) -> (C, 1, kh, kw), PyTorch's grouped-conv layout with groups = C. */
    static float[] depthwiseToTorch(float[] kernel, int[] shape) {
        return permute(kernel, shape, 2, 3, 0, 1);
    }

    /** Dense kernel (in, out) -> (out, in). */
    static float[] denseToTorch(float[] kernel, int[] shape) {
        return permute(kernel, shape, 1, 0);
    }

    /** Row-major transpose: output axis i is input axis {@code axes[i]} (numpy's {@code transpose(axes)}). */
    static float[] permute(float[] data, int[] shape, int... axes) {
        int rank = shape.length;
        int[] inStrides = new int[rank];
        for (int i = rank - 1, s = 1; i >= 0; s *= shape[i], i--) {
            inStrides[i] = s;
        }
        int[] outShape = new int[rank];
        int[] strideOfOut = new int[rank];
        for (int i = 0; i < rank; i++) {
            outShape[i] = shape[axes[i]];
            strideOfOut[i] = inStrides[axes[i]];
        }
        float[] out = new float[data.length];
        int[] index = new int[rank];
        for (int o = 0; o < out.length; o++) {
            int src = 0;
            for (int i = 0; i < rank; i++) {
                src += index[i] * strideOfOut[i];
            }
            out[o] = data[src];
            for (int i = rank - 1; i >= 0 && ++index[i] == outShape[i]; i--) {
                index[i] = 0;
            }
        }
        return out;
    }
}
