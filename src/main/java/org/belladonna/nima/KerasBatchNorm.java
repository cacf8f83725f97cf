package org.belladonna.nima;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Keras {@code BatchNormalization} at inference: gamma * (x - moving_mean) / sqrt(moving_variance + eps)
 * + beta per channel, reduced at load (in double) to x * scale + shift.
 */
final class KerasBatchNorm extends KerasLayer {
    private final int channels;
    private final double epsilon;
    private NDArray scale;
    private NDArray shift;

    KerasBatchNorm(String name, int channels, KerasConventions conventions) {
        super(name);
        this.channels = channels;
        this.epsilon = conventions.batchNormEpsilon();
    }

    @Override
    void load(KerasWeights weights, NDManager manager) throws WeightFileException {
        float[] gamma = weights.get(kerasName(), "gamma", channels).data();
        float[] beta = weights.get(kerasName(), "beta", channels).data();
        float[] mean = weights.get(kerasName(), "moving_mean", channels).data();
        float[] variance = weights.get(kerasName(), "moving_variance", channels).data();
        float[] s = new float[channels];
        float[] b = new float[channels];
        for (int c = 0; c < channels; c++) {
            double k = gamma[c] / Math.sqrt(variance[c] + epsilon);
            s[c] = (float) k;
            b[c] = (float) (beta[c] - mean[c] * k);
        }
        scale = manager.create(s, new Shape(1, channels, 1, 1));
        shift = manager.create(b, new Shape(1, channels, 1, 1));
    }

    @Override
    NDArray forward(NDArray x) {
        return x.mul(scale).add(shift);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
