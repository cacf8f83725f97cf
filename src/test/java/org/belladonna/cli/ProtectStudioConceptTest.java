package org.belladonna.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.belladonna.app.Studio;
import org.belladonna.images.Upload;
import org.belladonna.testing.TestImages;
import org.belladonna.testing.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code protect --concept NAME --data DIR} protects toward a concept created in the studio. */
class ProtectStudioConceptTest {
    @Test
    void aConceptCreatedInTheStudioIsUsedByName(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        Path models = dir.resolve("models");
        TestModels.installed(models, "taef2-encoder", "taef2-decoder");
        Studio.open(data, models).concepts().create("Blue period", List.of(
                new Upload("a.png", TestImages.png(80, 80, 61)), new Upload("b.png", TestImages.png(80, 80, 62))));
        Path art = dir.resolve("art.png");
        Files.write(art, TestImages.png(64, 64, 63));

        CliTest.Run r = CliTest.run("protect", art.toString(), "--concept", "blue period", "--data", data.toString(),
                "--models", models.toString(), "--out", dir.resolve("out").toString(), "--steps", "2", "--size", "64",
                "--quality", "fast");
        assertEquals(0, r.code(), r.err());
        JsonNode report = new ObjectMapper().readTree(dir.resolve("out").resolve("art.protected.json").toFile());
        assertEquals("blue-period", report.path("concept").asText(), report.toString());
    }

    @Test
    void anUnknownNameListsTheStudiosConcepts(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        Studio.open(data, dir.resolve("models"));
        Path art = dir.resolve("art.png");
        Files.write(art, TestImages.png(64, 64, 64));
        CliTest.Run r = CliTest.run("protect", art.toString(), "--concept", "rose period", "--data", data.toString(),
                "--models", dir.resolve("models").toString(), "--out", dir.resolve("out").toString());
        assertTrue(r.code() != 0, r.out());
        assertTrue(r.err().contains("has no concept 'rose period'") && r.err().contains("Cubism"), r.err());
    }
}
