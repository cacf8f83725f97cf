package org.belladonna.models.weights;

import ai.djl.ndarray.types.Shape;
import org.belladonna.testing.Shared;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class NpyTest {
    @Test
    void readsNumpyOutput() throws IOException {
        WeightTensor latent = Npy.read(Shared.reference("taef2/synthetic-256.latent.npy"));
        assertEquals(new Shape(1, 32, 32, 32), latent.shape());
        double mean = 0;
        for (float v : latent.data()) {
            mean += v;
        }
        assertEquals(-0.030864717438817024, mean / latent.data().length, 1e-6);   // reference.json
    }

    @Test
    void roundTrips(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("a.npy");
        float[] data = {1, 2, 3, 4, 5, -6};
        try (OutputStream out = Files.newOutputStream(file)) {
            Npy.write(out, new Shape(1, 2, 3), data);
        }
        assertEquals(0, (Files.size(file) - 24) % 64);   // header padded to 64 bytes as numpy does
        WeightTensor back = Npy.read(file);
        assertEquals(new Shape(1, 2, 3), back.shape());
        assertArrayEquals(data, back.data());
    }
}
