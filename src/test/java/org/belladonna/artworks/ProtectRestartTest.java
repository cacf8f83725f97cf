package org.belladonna.artworks;

import org.belladonna.images.ImageDecoder;
import org.belladonna.store.Database;
import org.belladonna.store.Store;
import org.belladonna.testing.FormClient;
import org.belladonna.testing.Ports;
import org.belladonna.testing.Rows;
import org.belladonna.testing.StudioProcess;
import org.belladonna.testing.TestImages;
import org.belladonna.testing.TestModels;
import org.belladonna.testing.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
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
    /** How long the server runs between two looks at its frozen state. */
    private static final Duration SLICE = Duration.ofMillis(50);

    @TempDir
    Path dir;
    private StudioProcess server;

    @AfterEach
    void stopServer() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aJobKilledMidRunCompletesAfterRestartWithExactlyOneOutput() throws Exception {
        Path data = dir.resolve("data");
        Path models = dir.resolve("models");
        TestModels.installed(models, "taef2-encoder", "taef2-decoder");
        int port = Ports.free();

        server = start(data, models, port, "first");
        FormClient client = new FormClient("http://127.0.0.1:" + port);
        waitForHealth(client, "first");
        var submitted = client.post("/protect", Map.of("concept", "1", "steps", "60", "working-size", "64", "views", "on"),
                List.of(new FormClient.Part("images", "art.png", TestImages.png(72, 64, 21))));
        assertEquals(303, submitted.statusCode(), submitted.body());
        String resultPath = submitted.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "");
        long protectionId = Long.parseLong(resultPath.substring(resultPath.lastIndexOf('/') + 1));
        Matcher job = JOB_ID.matcher(client.get(resultPath).body());
        assertTrue(job.find());
        long jobId = Long.parseLong(job.group(1));

        // Running, with at least one engine step reported: then the process dies without any warning. The
        // server is only looked at while it is frozen (SIGSTOP), and killed still frozen, so the state seen is
        // the state it dies in: a job cannot finish between the last look and the kill, and between two looks
        // it runs for one short slice, far less than the whole optimisation takes.
        await("the job running with a step reported, seen while the server is frozen").atMost(Waits.JOB)
                .pollInSameThread().pollDelay(Duration.ZERO).pollInterval(SLICE)
                .until(() -> frozenMidRun(data, jobId));
        server.kill();
        Store crashed = Store.open(data);
        assertEquals("running", crashed.read(h -> h.createQuery("SELECT state FROM job WHERE id = ?").bind(0, jobId)
                .mapTo(String.class).one()), "the kill left the job mid-run");
        assertNull(crashed.read(h -> h.createQuery("SELECT output_hash FROM protection WHERE id = ?").bind(0, protectionId)
                .mapTo(String.class).findOne().orElse(null)), "nothing was stored before the kill");

        server = start(data, models, port, "second");
        waitForHealth(client, "second");
        await("the job done after the restart").atMost(Waits.JOB).pollInSameThread().pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    String fragment = client.get("/jobs/" + jobId).body();
                    assertTrue(!fragment.contains("job-failed") && !fragment.contains("job-cancelled"), fragment);
                    return fragment.contains("job-done");
                });
        server.stop();

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

    private StudioProcess start(Path data, Path models, int port, String name) throws IOException {
        return StudioProcess.start(dir.resolve("server-" + name + ".log"), "serve", "--data", data.toString(),
                "--models", models.toString(), "--port", Integer.toString(port));
    }

    private void waitForHealth(FormClient client, String name) {
        await("the " + name + " server answering /health").atMost(Waits.SERVER_START).pollInSameThread()
                .pollInterval(Duration.ofMillis(200)).ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> {
                    if (!server.isAlive()) {
                        throw new AssertionError("the " + name + " server exited: " + server.output());
                    }
                    return client.get("/health").statusCode() == 200;
                });
    }

    /**
     * Freezes the server and reads the job's row: true (the server left frozen) when it runs with a step
     * reported; otherwise thaws it for another slice. A finished job means it ran whole within one slice.
     */
    private boolean frozenMidRun(Path data, long jobId) throws Exception {
        server.signal("STOP");
        SQLiteConfig readOnly = new SQLiteConfig();
        readOnly.setReadOnly(true);
        readOnly.setBusyTimeout(1000);
        String state;
        double progress;
        try (Connection c = readOnly.createConnection("jdbc:sqlite:" + data.resolve(Database.FILE_NAME));
             PreparedStatement q = c.prepareStatement("SELECT state, progress FROM job WHERE id = ?")) {
            q.setLong(1, jobId);
            try (ResultSet row = q.executeQuery()) {
                assertTrue(row.next(), "job " + jobId + " is stored");
                state = row.getString(1);
                progress = row.getDouble(2);
            }
        } catch (SQLException busy) {
            // Frozen in the middle of a checkpoint, say: look again after another slice.
            server.signal("CONT");
            return false;
        }
        assertTrue(!state.equals("done") && !state.equals("failed") && !state.equals("cancelled"),
                "finished before the kill: " + state);
        if (state.equals("running") && progress > 0) {
            return true;
        }
        server.signal("CONT");
        return false;
    }

}
