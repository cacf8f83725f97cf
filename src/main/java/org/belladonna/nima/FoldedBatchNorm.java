package org.belladonna.nima;

/**
 * Inference-mode BatchNormalization reduced to a per-channel affine map:
 * {@code gamma * (x - mean) / sqrt(var + eps) + beta = scale * x + shift}. Folding it into the preceding
 * bias-free conv (weight * scale, bias = shift) gives the same result with one op less per layer.
 */
record FoldedBatchNorm(float[] scale, float[] shift) {
    /** Keras' BatchNormalization default, which MobileNet keeps. */
    static final double EPSILON = 1e-3;

    static FoldedBatchNorm read(KerasWeights weights, String layer, int channels) throws WeightFileException {
        float[] gamma = weights.get(layer, "gamma", channels).data();
        float[] beta = weights.get(layer, "beta", channels).data();
        float[] mean = weights.get(layer, "moving_mean", channels).data();
        float[] variance = weights.get(layer, "moving_variance", channels).data();
        float[] scale = new float[channels];
        float[] shift = new float[channels];
        for (int c = 0; c < channels; c++) {
            double s = gamma[c] / Math.sqrt(variance[c] + EPSILON);
            scale[c] = (float) s;
            shift[c] = (float) (beta[c] - mean[c] * s);
        }
        return new FoldedBatchNorm(scale, shift);
    }

    /** Multiplies each output channel's slice of an (out, ...) row-major kernel by its scale. */
    float[] foldInto(float[] kernel) {
        int perChannel = kernel.length / scale.length;
        float[] folded = new float[kernel.length];
        for (int i = 0; i < kernel.length; i++) {
            folded[i] = kernel[i] * scale[i / perChannel];
        }
        return folded;
    }
}
