package org.belladonna.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.belladonna.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelsVerifyCommandTest {
    private static final String PREFIX = "belladonna models verify: ";

    @TempDir
    Path dir;

    @Test
    void unreachableNetworkIsOneLineAndBadInput() throws Exception {
        Path weights = Files.write(dir.resolve("w.hdf5"), new byte[] {1});
        CliTest.Run r = run("models", "verify", "nima-mobilenet-aesthetic", "--weights", weights.toString(),
                "--samples-url", "http://127.0.0.1:9/");
        assertEquals(Main.BAD_INPUT, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith(PREFIX + "cannot reach 127.0.0.1"), r.err());
    }

    @Test
    void modelsWithoutPublishedPredictionsAreRefused() {
        CliTest.Run r = run("models", "verify", "taef2-encoder", "--weights", "x");
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().startsWith(PREFIX + "no published predictions to check for model 'taef2-encoder'"), r.err());
    }

    @Test
    void missingWeightFileIsRefused() {
        CliTest.Run r = run("models", "verify", "nima-mobilenet-aesthetic", "--weights", dir.resolve("absent.hdf5").toString());
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().startsWith(PREFIX + "weight file not found"), r.err());
    }
}
