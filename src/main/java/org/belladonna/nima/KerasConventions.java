package org.belladonna.nima;

/**
 * The numerical conventions a Keras NASNet definition fixes besides its weights. Production code uses
 * {@link #of(NasNetPadding)}; tests build deliberately wrong ones to show each detail is checked.
 *
 * @param batchNormEpsilon  Keras' BatchNormalization epsilon, 1e-3 in NASNet
 * @param poolPadding       the reduction cells' stride-2 pools, see {@link NasNetPadding}
 * @param extraPadAfter     TF 'same' at stride 2 puts the odd padding pixel after (bottom/right)
 * @param adjustShift       the adjust block's second path is shifted by one pixel
 *                          ({@code ZeroPadding2D(((0, 1), (0, 1)))} then {@code Cropping2D(((1, 0), (1, 0)))})
 */
record KerasConventions(double batchNormEpsilon, NasNetPadding poolPadding, boolean extraPadAfter, boolean adjustShift) {
    static final double EPSILON = 1e-3;

    static KerasConventions of(NasNetPadding padding) {
        return new KerasConventions(EPSILON, padding, true, true);
    }

    /**
     * TF's 'same' padding of one axis: output ceil(size / stride), padding total
     * max((out - 1) * stride + kernel - size, 0), the smaller half before.
     *
     * @return {before, after}
     */
    int[] samePadding(int size, int kernel, int stride) {
        int out = (size + stride - 1) / stride;
        int total = Math.max((out - 1) * stride + kernel - size, 0);
        int small = total / 2;
        return extraPadAfter ? new int[] {small, total - small} : new int[] {total - small, small};
    }
}
