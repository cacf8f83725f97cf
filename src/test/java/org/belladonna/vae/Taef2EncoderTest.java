package org.belladonna.vae;

import static org.belladonna.testing.ReferenceArrays.maxAbsDifference;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.belladonna.images.Tensors;
import org.belladonna.models.Compute;
import org.belladonna.testing.TestModels;
import org.belladonna.models.weights.Npy;
import org.belladonna.models.weights.WeightTensor;
import org.belladonna.testing.Shared;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Taef2EncoderTest {
    @TempDir
    static Path models;
    static Surrogate encoder;

    @BeforeAll
    static void load() throws Exception {
        encoder = Taef2.encoder(TestModels.installed(models, Taef2.ENCODER_ID));
    }

    @AfterAll
    static void close() {
        encoder.close();
    }

    @Test
    void matchesPyTorchOnSquareImage() throws Exception {
        assertMatchesReference("synthetic-256");
    }

    @Test
    void matchesPyTorchOnWideImage() throws Exception {
        assertMatchesReference("synthetic-512x384");
    }

    static void assertMatchesReference(String name) throws Exception {
        WeightTensor expected = Npy.read(Shared.reference("taef2/" + name + ".latent.npy"));
        try (NDManager manager = NDManager.newBaseManager(Compute.get().device())) {
            NDArray latent = encoder.encode(Tensors.toNCHW(manager, TestModels.image(name + ".png")));
            assertEquals(expected.shape(), latent.getShape());
            assertTrue(maxAbsDifference(latent.toFloatArray(), expected.data()) <= 2e-3,
                    "max abs error " + maxAbsDifference(latent.toFloatArray(), expected.data()));
        }
    }

    @Test
    void encodesSidesThatAreNotMultiplesOfEight() {
        try (NDManager manager = NDManager.newBaseManager(Compute.get().device())) {
            NDArray latent = encoder.encode(manager.randomUniform(0, 1, new Shape(2, 3, 20, 33)));
            assertEquals(new Shape(2, 32, 3, 5), latent.getShape());
        }
    }
}
