package org.belladonna.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelsVerifyCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new ModelsVerifyCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void unreachableNetworkIsOneLineAndNonZero() throws Exception {
        Path weights = Files.writeString(dir.resolve("w.hdf5"), "x");
        int code = run("nima-mobilenet-aesthetic", "--weights", weights.toString(), "--samples-url", "http://127.0.0.1:9/");
        assertEquals(3, code);
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("cannot reach 127.0.0.1"), err.toString());
    }

    @Test
    void modelsWithoutPublishedPredictionsAreAUsageError() {
        assertEquals(2, run("taef2-encoder", "--weights", "x"));
        assertTrue(err.toString().startsWith("no published predictions to check for model 'taef2-encoder'"));
    }

    @Test
    void missingWeightFileIsAUsageError() {
        assertEquals(2, run("nima-mobilenet-aesthetic", "--weights", dir.resolve("absent.hdf5").toString()));
        assertTrue(err.toString().startsWith("weight file not found"), err.toString());
    }
}
