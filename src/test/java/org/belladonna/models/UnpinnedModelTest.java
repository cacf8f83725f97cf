package org.belladonna.models;

import org.belladonna.progress.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Manifest entries whose upstream publishes no digest: trusted on first install, then held to the SHA-256 recorded. */
class UnpinnedModelTest {
    @TempDir
    Path models;
    @TempDir
    Path mirror;

    private static final String MANIFEST = """
            {"models": [{"id": "free-weights", "name": "Free weights", "file": "free.pth",
                         "url": "https://example.org/free.pth", "pin": {"unpinned": true}}]}""";

    @Test
    void installRecordsTheSha256AndTheEntrySaysUnpinned() throws Exception {
        byte[] bytes = zipLike(1000);
        Files.write(mirror.resolve("free.pth"), bytes);
        ModelRegistry registry = registry();
        assertEquals(ModelRegistry.Status.MISSING, registry.status("free-weights").status());

        assertEquals(List.of("free-weights"), registry.pull(List.of("free-weights"), ModelSource.mirror(mirror), Progress.NONE, false));

        ModelRegistry.Entry entry = registry.status("free-weights");
        String sha256 = sha256(bytes);
        assertEquals(ModelRegistry.Status.INSTALLED, entry.status());
        assertTrue(entry.unpinned());
        assertEquals(sha256, entry.recordedSha256());
        assertEquals("unpinned sha256:" + sha256, entry.version());
        assertEquals(sha256 + "  free.pth\n", Files.readString(models.resolve("free.pth.sha256")), "sha256sum -c format");
        assertEquals(models.resolve("free.pth"), registry.path("free-weights"));
        assertEquals(List.of(), registry.pull(List.of("free-weights"), ModelSource.mirror(mirror), Progress.NONE, false));
    }

    @Test
    void aFileChangedAfterInstallIsCorrupt() throws Exception {
        Files.write(mirror.resolve("free.pth"), zipLike(1000));
        ModelRegistry registry = registry();
        registry.pull(List.of("free-weights"), ModelSource.mirror(mirror), Progress.NONE, false);
        Files.write(models.resolve("free.pth"), zipLike(999));

        assertEquals(ModelRegistry.Status.CORRUPT, registry.status("free-weights").status());
        ModelMissingException e = assertThrows(ModelMissingException.class, () -> registry.path("free-weights"));
        assertTrue(e.getMessage().contains("no longer matches the SHA-256 recorded at install"), e.getMessage());
    }

    @Test
    void aFileNotInstalledByTheRegistryHasNoRecordAndIsNotTrusted() throws Exception {
        Files.write(models.resolve("free.pth"), zipLike(1000));
        ModelRegistry.Entry entry = registry().status("free-weights");
        assertEquals(ModelRegistry.Status.CORRUPT, entry.status());
        assertNull(entry.recordedSha256());
        ModelMissingException e = assertThrows(ModelMissingException.class, () -> registry().path("free-weights"));
        assertTrue(e.getMessage().contains("has no SHA-256 recorded at install") && e.getMessage().contains("--force"),
                e.getMessage());
    }

    @Test
    void anHtmlPageIsRefusedEvenWithoutAPin() throws Exception {
        Files.writeString(mirror.resolve("free.pth"), "<!DOCTYPE html><html><title>Google Drive - Virus scan warning</title>");
        ModelRegistry registry = registry();
        IOException e = assertThrows(IOException.class,
                () -> registry.pull(List.of("free-weights"), ModelSource.mirror(mirror), Progress.NONE, false));
        assertTrue(e.getMessage().contains("not a torch.save zip") && e.getMessage().contains("<!DOCTYPE html>"), e.getMessage());
        assertFalse(Files.exists(models.resolve("free.pth")));
        assertFalse(Files.exists(models.resolve("free.pth.sha256")));
        try (var files = Files.list(models)) {
            assertEquals(List.of(), files.toList(), "no partial files left behind");
        }
    }

    @Test
    void manifestPinNeedsExactlyOneKindAndUnpinnedMustBeTrue() {
        assertThrows(IOException.class, () -> read("{\"unpinned\": false}"));
        assertThrows(IOException.class, () -> read("{\"unpinned\": true, \"sha256\": \"" + "0".repeat(64) + "\"}"));
        assertThrows(IOException.class, () -> read("{}"));
        assertThrows(IllegalStateException.class, () -> Pin.UNPINNED.matches(models));
        assertEquals("unpinned", Pin.UNPINNED.toString());
    }

    @Test
    void bundledManifestListsTheSeedStudysScorersAsUnpinned() {
        ModelManifest manifest = ModelManifest.bundled();
        for (String id : List.of("nima-vgg16-aesthetic", "nima-nasnet-mobile-aesthetic")) {
            ModelManifest.Model model = manifest.require(id);
            assertFalse(model.pin().pinned(), id);
            assertFalse(model.isDefault(), id);
        }
        assertTrue(manifest.require("nima-vgg16-aesthetic").url().toString().contains("1w9Ig_d6yZqUZSR63kPjZLrEjJ1n845B_"));
        assertEquals("https://github.com/titu1994/neural-image-assessment/releases/download/v0.4/nasnet_weights.h5",
                manifest.require("nima-nasnet-mobile-aesthetic").url().toString());
        assertTrue(manifest.require("nima-mobilenet-aesthetic").pin().pinned());
    }

    private ModelRegistry registry() throws IOException {
        return new ModelRegistry(models, ModelManifest.read(new ByteArrayInputStream(MANIFEST.getBytes(StandardCharsets.UTF_8))));
    }

    private static ModelManifest read(String pin) throws IOException {
        String json = MANIFEST.replace("{\"unpinned\": true}", pin);
        try {
            return ModelManifest.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        } catch (RuntimeException e) {
            throw new IOException(e);
        }
    }

    /** Bytes that start like a zip archive, as a torch.save file does. */
    private static byte[] zipLike(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31);
        }
        bytes[0] = 'P';
        bytes[1] = 'K';
        bytes[2] = 3;
        bytes[3] = 4;
        return bytes;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
