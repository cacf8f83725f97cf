package org.belladonna.artworks;

import org.belladonna.images.ImageDecoder;
import org.belladonna.models.TestModels;
import org.belladonna.store.Store;
import org.belladonna.testing.FormClient;
import org.belladonna.testing.Rows;
import org.belladonna.testing.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A server process killed while a protection runs: after a restart over the same data the job runs
 * again and the protection ends with exactly one output, and nothing stored twice.
 */
class ProtectRestartTest {
    private static final Pattern JOB_ID = Pattern.compile("id=\"job-(\\d+)\"");
    private static final Pattern PROGRESS = Pattern.compile("<progress[^>]*value=\"([0-9.E-]+)\"");

    @TempDir
    Path dir;
    private Process server;

    @AfterEach
    void stopServer() throws InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroyForcibly().waitFor();
        }
    }

    @Test
    void aJobKilledMidRunCompletesAfterRestartWithExactlyOneOutput() throws Exception {
        Path data = dir.resolve("data");
        Path models = dir.resolve("models");
        TestModels.installed(models, "taef2-encoder", "taef2-decoder");
        int port = freePort();

        server = start(data, models, port, "first");
        FormClient client = new FormClient("http://127.0.0.1:" + port);
        waitForHealth(client);
        var submitted = client.post("/protect", Map.of("concept", "1", "steps", "60", "working-size", "64", "views", "on"),
                List.of(new FormClient.Part("images", "art.png", TestImages.png(72, 64, 21))));
        assertEquals(303, submitted.statusCode(), submitted.body());
        String resultPath = submitted.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "");
        long protectionId = Long.parseLong(resultPath.substring(resultPath.lastIndexOf('/') + 1));
        Matcher job = JOB_ID.matcher(client.get(resultPath).body());
        assertTrue(job.find());
        long jobId = Long.parseLong(job.group(1));

        // Running, with at least one engine step reported: then the process dies without any warning.
        while (true) {
            String fragment = client.get("/jobs/" + jobId).body();
            Matcher progress = PROGRESS.matcher(fragment);
            assertTrue(!fragment.contains("job-done") && !fragment.contains("job-failed"), "finished before the kill: " + fragment);
            if (fragment.contains("job-running") && progress.find() && Double.parseDouble(progress.group(1)) > 0) {
                break;
            }
            Thread.sleep(200);
        }
        server.destroyForcibly().waitFor();
        Store crashed = Store.open(data);
        assertEquals("running", crashed.read(h -> h.createQuery("SELECT state FROM job WHERE id = ?").bind(0, jobId)
                .mapTo(String.class).one()), "the kill left the job mid-run");
        assertNull(crashed.read(h -> h.createQuery("SELECT output_hash FROM protection WHERE id = ?").bind(0, protectionId)
                .mapTo(String.class).findOne().orElse(null)), "nothing was stored before the kill");

        server = start(data, models, port, "second");
        waitForHealth(client);
        while (true) {
            String fragment = client.get("/jobs/" + jobId).body();
            assertTrue(!fragment.contains("job-failed") && !fragment.contains("job-cancelled"), fragment);
            if (fragment.contains("job-done")) {
                break;
            }
            Thread.sleep(500);
        }
        server.destroy();
        server.waitFor();

        Store store = Store.open(data);
        assertEquals(1, Rows.count(store, "protection"));
        assertEquals(1, Rows.integer(store, "SELECT count(*) FROM protection WHERE output_hash IS NOT NULL"));
        assertEquals(2, Rows.integer(store, "SELECT attempts FROM job WHERE id = " + jobId), "ran once more after the restart");
        assertEquals("done", store.read(h -> h.createQuery("SELECT state FROM job WHERE id = ?").bind(0, jobId)
                .mapTo(String.class).one()));
        assertEquals(3, Rows.count(store, "derived_image"), "original, protected, target: once each");
        int rows = Rows.count(store, "image_file");
        try (var files = Files.walk(data.resolve("images"))) {
            assertEquals(rows, files.filter(Files::isRegularFile).count(), "every stored file has exactly one row");
        }
        String output = store.read(h -> h.createQuery("SELECT output_hash FROM protection").mapTo(String.class).one());
        assertNotNull(output);
        var image = new ImageDecoder().decode(store.files().read(output));
        assertEquals(72, image.width());
        assertEquals(64, image.height());
    }

    private Process start(Path data, Path models, int port, String name) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx1g", "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                "org.belladonna.cli.Main", "serve", "--data", data.toString(), "--models", models.toString(),
                "--port", Integer.toString(port))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("server-" + name + ".log").toFile())
                .start();
    }

    private void waitForHealth(FormClient client) throws Exception {
        while (true) {
            if (!server.isAlive()) {
                throw new AssertionError("server exited " + server.exitValue() + ": "
                        + Files.readString(dir.resolve(Files.list(dir).filter(p -> p.toString().endsWith(".log")).findFirst().orElseThrow())));
            }
            try {
                if (client.get("/health").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
    }


    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
