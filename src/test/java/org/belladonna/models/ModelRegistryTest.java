package org.belladonna.models;

import org.belladonna.progress.Progress;
import org.belladonna.testing.Shared;
import org.belladonna.testing.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelRegistryTest {
    @TempDir
    Path models;
    @TempDir
    Path elsewhere;

    private static final List<String> TAEF2 = List.of("taef2-encoder", "taef2-decoder");

    @Test
    void pullFromMirrorInstallsBothTaef2Files() throws IOException {
        ModelRegistry registry = new ModelRegistry(models);
        assertEquals(ModelRegistry.Status.MISSING, registry.status("taef2-encoder").status());

        List<String> fetched = registry.pull(TAEF2, ModelSource.mirror(Shared.models()), Progress.NONE, false);

        assertEquals(TAEF2, fetched);
        for (String id : TAEF2) {
            assertEquals(ModelRegistry.Status.INSTALLED, registry.status(id).status());
            assertTrue(Files.isRegularFile(registry.path(id)));
        }
        assertEquals(List.of(), registry.pull(TAEF2, ModelSource.mirror(Shared.models()), Progress.NONE, false),
                "installed models are not fetched again");
        assertNoPartialFiles();
    }

    @Test
    void corruptedMirrorCopyIsRefusedAndTheGoodFileSurvives() throws IOException {
        ModelRegistry registry = TestModels.installed(models, "taef2-encoder");
        byte[] good = Files.readAllBytes(registry.path("taef2-encoder"));
        byte[] bad = good.clone();
        bad[bad.length / 2] ^= 1;
        Files.write(elsewhere.resolve("taef2_encoder.pth"), bad);

        IOException e = assertThrows(IOException.class, () -> registry.pull(List.of("taef2-encoder"),
                ModelSource.mirror(elsewhere), Progress.NONE, true));

        assertTrue(e.getMessage().contains("refused taef2-encoder") && e.getMessage().contains("gitBlobSha1"), e.getMessage());
        assertArrayEquals(good, Files.readAllBytes(registry.path("taef2-encoder")));
        assertNoPartialFiles();
    }

    @Test
    void unknownIdIsAnError() {
        ModelRegistry registry = new ModelRegistry(models);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> registry.pull(List.of("taef2-encoder", "no-such-model"), ModelSource.mirror(Shared.models()),
                        Progress.NONE, false));
        assertTrue(e.getMessage().contains("no-such-model") && e.getMessage().contains("taef2-encoder"), e.getMessage());
        assertFalse(Files.exists(models.resolve("taef2_encoder.pth")), "nothing is fetched when an id is wrong");
    }

    @Test
    void missingModelNamesTheInstallCommand() {
        ModelMissingException e = assertThrows(ModelMissingException.class,
                () -> new ModelRegistry(models).path("taef2-decoder"));
        assertTrue(e.getMessage().contains("belladonna models pull taef2-decoder"), e.getMessage());
    }

    @Test
    void fileChangedAfterInstallIsCorrupt() throws IOException {
        ModelRegistry registry = TestModels.installed(models, "taef2-encoder");
        assertEquals(ModelRegistry.Status.INSTALLED, registry.status("taef2-encoder").status());
        Files.write(models.resolve("taef2_encoder.pth"), new byte[] {1, 2, 3});
        assertEquals(ModelRegistry.Status.CORRUPT, registry.status("taef2-encoder").status());
        assertThrows(ModelMissingException.class, () -> registry.path("taef2-encoder"));
    }

    @Test
    void gitBlobPinHashesLikeGit() throws IOException {
        Path empty = Files.write(elsewhere.resolve("empty"), new byte[0]);
        assertTrue(new Pin(Pin.Kind.GIT_BLOB_SHA1, "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391").matches(empty));
        Path hello = Files.writeString(elsewhere.resolve("hello"), "hello world\n");   // git hash-object
        assertTrue(new Pin(Pin.Kind.GIT_BLOB_SHA1, "3b18e512dba79e4c8300dd08aeb37f8e728b8dad").matches(hello));
        assertFalse(new Pin(Pin.Kind.GIT_BLOB_SHA1, "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391").matches(hello));
    }

    @Test
    void bundledManifestListsTheKnownModels() {
        ModelManifest manifest = ModelManifest.bundled();
        assertEquals(Pin.Kind.GIT_BLOB_SHA1, manifest.require("nima-mobilenet-aesthetic").pin().kind());
        assertEquals(TAEF2, manifest.defaults().stream().map(ModelManifest.Model::id).toList());
    }

    private void assertNoPartialFiles() throws IOException {
        try (var files = Files.list(models)) {
            assertEquals(List.of(), files.filter(f -> f.toString().endsWith(".part")).toList());
        }
    }
}
