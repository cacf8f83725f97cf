package org.belladonna.vae;

import ai.djl.ndarray.NDManager;
import org.belladonna.models.Compute;
import org.belladonna.models.weights.StateDict;
import org.belladonna.models.weights.StateDictLoader;
import org.belladonna.models.weights.WeightsException;
import org.belladonna.testing.Shared;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StateDictLoaderTest {
    @Test
    void wrongFileIsRefusedNamingTheKey() throws Exception {
        StateDict taef2 = StateDict.read(Shared.models().resolve("taef2_encoder.pth"));
        try (NDManager manager = NDManager.newBaseManager(Compute.get().device())) {
            WeightsException e = assertThrows(WeightsException.class,
                    () -> StateDictLoader.load(new F32Encoder(32), taef2, manager));
            assertTrue(e.getMessage().contains(
                    "shape mismatch for 0.weight: the model expects (32, 3, 3, 3), the file has (64, 3, 3, 3)"), e.getMessage());
            assertTrue(e.getMessage().contains("unexpected [1.conv.0.weight"), e.getMessage());
        }
    }

    @Test
    void missingKeysAreNamed() throws Exception {
        StateDict taef2 = StateDict.read(Shared.models().resolve("taef2_encoder.pth"));
        try (NDManager manager = NDManager.newBaseManager(Compute.get().device())) {
            WeightsException e = assertThrows(WeightsException.class,
                    () -> StateDictLoader.load(new Decoder(32, true), taef2, manager));
            assertTrue(e.getMessage().contains("missing [1.weight"), e.getMessage());
        }
    }
}
