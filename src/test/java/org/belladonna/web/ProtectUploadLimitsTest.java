package org.belladonna.web;

import org.belladonna.testing.FormClient;
import org.belladonna.testing.ProtectionFixture;
import org.belladonna.testing.Rows;
import org.belladonna.testing.TestImages;
import org.belladonna.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad uploads get a clear 4xx page and leave nothing behind: no rows, no files. */
class ProtectUploadLimitsTest {
    @TempDir
    static Path data;
    private static TestServer server;
    private static FormClient client;

    @BeforeAll
    static void start() throws Exception {
        server = ProtectionFixture.serverWithWeights(data);
        client = new FormClient(server.url(""));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    record Bad(String label, String filename, byte[] bytes, String message) {
        @Override
        public String toString() {
            return label;
        }
    }

    static Stream<Bad> badFiles() {
        byte[] png = TestImages.png(96, 96, 1);
        return Stream.of(
                new Bad("not an image", "notes.png", "just some text, not pixels".getBytes(), "not a PNG, JPEG or WebP"),
                new Bad("truncated", "cut.png", Arrays.copyOf(png, png.length / 2), "damaged or truncated"),
                new Bad("1x1 pixel", "dot.png", TestImages.png(1, 1, 2), "at least 64x64"),
                new Bad("below 64 px", "small.png", TestImages.png(63, 200, 3), "at least 64x64"),
                new Bad("header declaring 50000x50000", "bomb.png", pngHeader(50_000, 50_000), "over the limit"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void aBadImageIsRefusedAndNothingIsStored(Bad bad) throws Exception {
        Counts before = counts();
        // A good image beside the bad one: one bad file refuses the whole batch.
        var response = client.post("/protect", Map.of("concept", cubism()), List.of(
                new FormClient.Part("images", "good.png", TestImages.png(80, 80, 99)),
                new FormClient.Part("images", bad.filename(), bad.bytes())));
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.body().contains(bad.filename() + ":"), "names the file: " + response.body());
        assertTrue(response.body().contains(bad.message()), response.body());
        assertEquals(before, counts());
    }

    @Test
    void noFileOrAnUnknownConceptOrABadSettingIsRefused() throws Exception {
        Counts before = counts();
        var none = client.post("/protect", Map.of("concept", cubism()), List.of());
        assertEquals(400, none.statusCode());
        assertTrue(none.body().contains("Choose at least one image"), none.body());
        var concept = client.post("/protect", Map.of("concept", "999"),
                List.of(new FormClient.Part("images", "a.png", TestImages.png(80, 80, 5))));
        assertEquals(400, concept.statusCode());
        assertTrue(concept.body().contains("no concept 999"), concept.body());
        var steps = client.post("/protect", Map.of("concept", cubism(), "steps", "-3"),
                List.of(new FormClient.Part("images", "a.png", TestImages.png(80, 80, 5))));
        assertEquals(400, steps.statusCode());
        assertTrue(steps.body().contains("steps must be a whole number"), steps.body());
        assertEquals(before, counts());
    }

    @Test
    void aConceptWithABadAnchorIsRefusedAndNothingIsStored() throws Exception {
        Counts before = counts();
        var response = client.post("/concepts", Map.of("name", "Tiny"), List.of(
                new FormClient.Part("anchors", "fine.png", TestImages.png(80, 80, 6)),
                new FormClient.Part("anchors", "dot.png", TestImages.png(1, 1, 7))));
        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("dot.png:"), response.body());
        assertEquals(before, counts());
    }

    @Test
    void withoutTheWeightsThePageSaysSoAndSubmittingIsRefused(@TempDir Path bareData) throws Exception {
        try (TestServer bare = TestServer.start(bareData)) {
            FormClient bareClient = new FormClient(bare.url(""));
            String page = bareClient.get("/protect").body();
            assertTrue(page.contains("no surrogate model is installed"), page);
            assertTrue(page.contains("belladonna models pull"), page);
            var response = bareClient.post("/protect", Map.of("concept", "1"),
                    List.of(new FormClient.Part("images", "a.png", TestImages.png(80, 80, 8))));
            assertEquals(503, response.statusCode());
            assertTrue(response.body().contains("belladonna models pull taef2-encoder"), response.body());
            int protections = Rows.count(bare.studio().store(), "protection");
            assertEquals(0, protections);
        }
    }

    private static String cubism() {
        return Long.toString(ProtectionFixture.cubism(server.studio()));
    }

    record Counts(int imageFiles, int protections, int jobs, int concepts, long files) {
    }

    private static Counts counts() throws IOException {
        var studio = server.studio();
        long files;
        try (var walk = Files.walk(server.dataDir().resolve("images"))) {
            files = walk.filter(Files::isRegularFile).count();
        }
        return new Counts(Rows.count(studio.store(), "image_file"), Rows.count(studio.store(), "protection"),
                Rows.count(studio.store(), "job"), Rows.count(studio.store(), "concept"), files);
    }

    /** A valid PNG signature and IHDR chunk (correct CRC) declaring the given size, and no pixel data. */
    static byte[] pngHeader(int width, int height) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            DataOutputStream data = new DataOutputStream(out);
            data.write(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
            ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
            DataOutputStream chunk = new DataOutputStream(ihdr);
            chunk.writeBytes("IHDR");
            chunk.writeInt(width);
            chunk.writeInt(height);
            chunk.write(new byte[]{8, 2, 0, 0, 0});
            byte[] typeAndData = ihdr.toByteArray();
            data.writeInt(typeAndData.length - 4);
            data.write(typeAndData);
            CRC32 crc = new CRC32();
            crc.update(typeAndData);
            data.writeInt((int) crc.getValue());
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
