package org.belladonna.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.belladonna.models.Compute;
import org.belladonna.testing.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The protection engine's PGD needs d(loss)/d(pixels): compare autograd with central differences. */
class EncoderGradientTest {
    @TempDir
    Path models;

    @Test
    void inputGradientMatchesFiniteDifferences() throws Exception {
        try (Surrogate encoder = Taef2.encoder(TestModels.installed(models, Taef2.ENCODER_ID));
             NDManager manager = NDManager.newBaseManager(Compute.get().device())) {
            manager.getEngine().setRandomSeed(7);
            NDArray x = manager.randomUniform(0.2f, 0.8f, new Shape(1, 3, 16, 24));
            NDArray probe = manager.randomNormal(new Shape(1, 32, 2, 3));   // loss = <encoder(x), probe>
            x.setRequiresGradient(true);
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                collector.backward(encoder.encode(x).mul(probe).sum());
            }
            float[] gradient = x.getGradient().toFloatArray();
            float[] pixels = x.toFloatArray();

            // Measured on this model: with h = 1e-2 ReLU kinks bend the secant by ~4 %; below 1e-3 the
            // float32 round-off of the loss (~1e-5) dominates. 2e-3 agrees to ~0.5 %.
            double h = 2e-3;
            int[] checked = {0, 17, 3 * 16 * 24 / 2 + 5, 2 * 16 * 24 + 200, 3 * 16 * 24 - 1};
            for (int i : checked) {
                double numeric = (loss(encoder, manager, pixels, i, h, probe) - loss(encoder, manager, pixels, i, -h, probe)) / (2 * h);
                double tolerance = 1e-2 + 2e-2 * Math.abs(numeric);
                assertTrue(Math.abs(numeric - gradient[i]) <= tolerance,
                        "pixel " + i + ": autograd " + gradient[i] + ", finite differences " + numeric);
            }
            assertTrue(java.util.stream.IntStream.of(checked).anyMatch(i -> Math.abs(gradient[i]) > 1e-2),
                    "gradients are all near zero: the check would prove nothing");
        }
    }

    private static double loss(Surrogate encoder, NDManager parent, float[] pixels, int index, double step, NDArray probe) {
        try (NDManager manager = parent.newSubManager()) {
            float[] moved = pixels.clone();
            moved[index] += (float) step;
            float[] latent = encoder.encode(manager.create(moved, new Shape(1, 3, 16, 24))).toFloatArray();
            float[] p = probe.toFloatArray();
            double sum = 0;
            for (int i = 0; i < latent.length; i++) {
                sum += (double) latent[i] * p[i];
            }
            return sum;
        }
    }
}
