package org.belladonna.vae;

import org.belladonna.testing.ReferenceArrays;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.belladonna.images.Tensors;
import org.belladonna.models.Compute;
import org.belladonna.testing.TestModels;
import org.belladonna.models.weights.Npy;
import org.belladonna.models.weights.WeightTensor;
import org.belladonna.models.weights.WeightsException;
import org.belladonna.testing.Shared;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The architectures whose real weights are not mirrored, against upstream taesd.py run on random
 * weights in upstream's file format (shared/reference/taesd-family): a definition that loads these
 * files and reproduces their outputs loads the real ones.
 */
class FamilyArchitectureTest {
    private static final String IMAGE = "synthetic-256";

    private static Path reference(String file) {
        return Shared.reference("taesd-family/" + file);
    }

    @ParameterizedTest(name = "{0} encoder = upstream Encoder({1})")
    @CsvSource({"TAESD, 4", "TAESDXL, 4", "TAESD3, 16", "TAEF1, 16"})
    void encoderMatchesUpstream(Family family, int channels) throws Exception {
        assertEquals(channels, family.latentChannels());
        String variant = "c" + channels + "_encoder";
        WeightTensor expected = Npy.read(reference(variant + "." + IMAGE + ".output.npy"));
        try (Surrogate encoder = Surrogate.load(family, reference("random_" + variant + ".pth"));
             NDManager manager = NDManager.newBaseManager(Compute.get().device())) {
            NDArray latent = encoder.encode(Tensors.toNCHW(manager, TestModels.image(IMAGE + ".png")));
            assertClose(expected, latent);
        }
    }

    @ParameterizedTest(name = "{0} decoder = upstream {1}")
    @CsvSource({"TAESD, c4_decoder", "TAESD3, c16_decoder", "TAESANA, f32c32_decoder"})
    void decoderMatchesUpstream(Family family, String variant) throws Exception {
        WeightTensor input = Npy.read(reference(variant + "." + IMAGE + ".input.npy"));
        WeightTensor expected = Npy.read(reference(variant + "." + IMAGE + ".output.npy"));
        try (LatentDecoder decoder = LatentDecoder.load(family, reference("random_" + variant + ".pth"));
             NDManager manager = NDManager.newBaseManager(Compute.get().device())) {
            assertEquals(family.downscale(), expected.shape().get(2) / input.shape().get(2));
            assertClose(expected, decoder.decode(input.toNDArray(manager)));
        }
    }

    @Test
    void aFileOfAnotherFamilyIsRefusedNamingItsKeys() {
        WeightsException e = assertThrows(WeightsException.class,
                () -> Surrogate.load(Family.TAEF2, reference("random_c4_encoder.pth")));
        assertTrue(e.getMessage().contains(
                "shape mismatch for 14.weight: the model expects (32, 64, 3, 3), the file has (4, 64, 3, 3)"), e.getMessage());
        assertTrue(e.getMessage().contains("missing [11.pool.0.weight, 11.pool.1.weight"), e.getMessage());
    }

    @Test
    void anEncoderFileIsNotADecoder() {
        WeightsException e = assertThrows(WeightsException.class,
                () -> LatentDecoder.load(Family.TAESD3, reference("random_c16_encoder.pth")));
        assertTrue(e.getMessage().contains("missing [1.weight, 1.bias, 7.weight"), e.getMessage());
        // The encoder's own keys (e.g. 1.conv.0.weight) are named too; these reference files are plain
        // pickled dicts, whose key order the reader does not keep, so which five are listed varies.
        assertTrue(e.getMessage().contains("; unexpected ["), e.getMessage());
    }

    private static void assertClose(WeightTensor expected, NDArray actual) {
        assertEquals(expected.shape(), actual.getShape());
        double error = ReferenceArrays.maxAbsDifference(actual.toFloatArray(), expected.data());
        assertTrue(error <= 1e-4, "max abs error " + error);
    }
}
