package org.belladonna.web;

import java.nio.file.Path;

import org.belladonna.store.Records.Job;
import org.belladonna.testing.FormClient;
import org.belladonna.testing.ProtectionFixture;
import org.belladonna.testing.Rows;
import org.belladonna.testing.TestImages;
import org.belladonna.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A JPEG cut short (the JDK's reader only warns and fills the rest with grey) is refused at every web intake
 * point: protect, concepts and import; nothing of it is stored.
 */
class TruncatedImageTest {
    /** A real JPEG with its last third missing. */
    static byte[] truncatedJpeg() {
        byte[] jpeg = TestImages.jpeg(320, 240, 31);
        return Arrays.copyOf(jpeg, jpeg.length * 2 / 3);
    }

    private static TestServer server;
    private static FormClient client;

    @TempDir
    static Path data;

    @BeforeAll
    static void start() throws Exception {
        server = ProtectionFixture.serverWithWeights(data);
        client = new FormClient(server.url(""));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static int stored() {
        return Rows.count(server.studio().store(), "image_file");
    }

    @Test
    void protectRefusesIt() throws Exception {
        int before = stored();
        var r = client.post("/protect", Map.of("concept", Long.toString(ProtectionFixture.cubism(server.studio()))),
                List.of(new FormClient.Part("images", "cut.jpg", truncatedJpeg())));
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("cut.jpg:") && r.body().contains("damaged or truncated"), r.body());
        assertEquals(before, stored());
        assertEquals(0, Rows.count(server.studio().store(), "protection"));
    }

    @Test
    void conceptsRefuseIt() throws Exception {
        int before = stored();
        var r = client.post("/concepts", Map.of("name", "Cut short"), List.of(
                new FormClient.Part("anchors", "fine.png", TestImages.png(80, 80, 32)),
                new FormClient.Part("anchors", "cut.jpg", truncatedJpeg())));
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("cut.jpg:") && r.body().contains("damaged or truncated"), r.body());
        assertEquals(before, stored());
    }

    @Test
    void anImportHoldingItFailsAndStoresNothing() throws Exception {
        int images = Rows.count(server.studio().store(), "image");
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("Water Lilies/before/0.jpg"));
            out.write(TestImages.jpeg(64, 64, 33));
            out.putNextEntry(new ZipEntry("Water Lilies/after/0.jpg"));
            out.write(truncatedJpeg());
        }
        var r = Multipart.post(server, "/experiments/import", "cut.zip", zip.toByteArray());
        assertEquals(303, r.statusCode(), r.body());
        long jobId = Long.parseLong(r.headers().firstValue("Location").orElseThrow().replaceAll("\\D+", ""));
        Job job = null;
        for (int i = 0; i < 1200 && (job == null || !job.finished()); i++) { // at most 2 minutes
            Thread.sleep(100);
            job = server.studio().jobs().find(jobId).orElseThrow();
        }
        assertEquals("failed", job.state(), job.toString());
        assertTrue(job.error().contains("after/0.jpg") && job.error().contains("damaged or truncated"), job.error());
        assertEquals(images, Rows.count(server.studio().store(), "image"));
        assertTrue(client.get("/experiments/imports/" + jobId).body().contains("damaged or truncated"));
    }
}
