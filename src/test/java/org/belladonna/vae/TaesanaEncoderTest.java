package org.belladonna.vae;

import org.belladonna.testing.ReferenceArrays;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.belladonna.images.Tensors;
import org.belladonna.models.Compute;
import org.belladonna.testing.TestModels;
import org.belladonna.models.weights.Npy;
import org.belladonna.models.weights.WeightTensor;
import org.belladonna.testing.Shared;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaesanaEncoderTest {
    @TempDir
    Path models;

    @ParameterizedTest
    @ValueSource(strings = {"synthetic-256", "synthetic-512x384"})
    void matchesPyTorch(String name) throws Exception {
        WeightTensor expected = Npy.read(Shared.reference("taesana/" + name + ".latent.npy"));
        try (Surrogate taesana = Surrogate.load(Family.TAESANA, TestModels.installed(models, Family.TAESANA.encoderId()));
             NDManager manager = NDManager.newBaseManager(Compute.get().device())) {
            assertEquals(32, taesana.downscale());
            NDArray latent = taesana.encode(Tensors.toNCHW(manager, TestModels.image(name + ".png")));
            assertEquals(expected.shape(), latent.getShape());
            double error = ReferenceArrays.maxAbsDifference(latent.toFloatArray(), expected.data());
            assertTrue(error <= 2e-3, "max abs error " + error);
        }
    }
}
