package org.belladonna.cli;

import org.belladonna.store.Store;
import org.belladonna.testing.FormClient;
import org.belladonna.testing.Ports;
import org.belladonna.testing.Postgres;
import org.belladonna.testing.Rows;
import org.belladonna.testing.StudioProcess;
import org.belladonna.testing.TestImages;
import org.belladonna.testing.TestModels;
import org.belladonna.testing.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The studio spread over processes as on several hosts: a server that runs no device work, two {@code worker}
 * processes, one PostgreSQL database and one shared image directory. A worker killed mid-job loses nothing:
 * the other takes the job over, and every protection ends exactly once.
 */
class WorkersTest {
    private static final int PROTECTIONS = 6;
    /** JobRunr's record of a running job names the server (host:pid/lane) and our row. */
    private static final Pattern PROCESSING = Pattern.compile("\"jobId\":(\\d+).*\"serverName\":\"[^\"]*:(\\d+)/device\"");

    @TempDir
    Path dir;
    private final List<StudioProcess> processes = new ArrayList<>();

    @AfterEach
    void stopAll() throws InterruptedException {
        for (StudioProcess p : processes) {
            p.close();
        }
    }

    @Test
    void sixProtectionsOnTwoWorkersEndExactlyOnceWhenAWorkerIsKilledMidJob() throws Exception {
        String database = Postgres.freshDatabaseUrl();
        Path images = dir.resolve("shared-images");
        Path models = dir.resolve("models");
        TestModels.installed(models, "taef2-encoder", "taef2-decoder");
        int port = Ports.free();
        StudioProcess server = started(StudioProcess.start(dir.resolve("server.log"), "serve", "--database", database,
                "--data", dir.resolve("server").toString(), "--store", images.toString(), "--models", models.toString(),
                "--port", Integer.toString(port), "--lanes", "io", "--offline"));
        server.awaitOutput("is running at", Waits.SERVER_START);
        List<StudioProcess> workers = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            workers.add(started(StudioProcess.start(dir.resolve("worker-" + i + ".log"), "worker", "--database", database,
                    "--data", dir.resolve("worker-" + i).toString(), "--store", images.toString(), "--models", models.toString())));
        }
        for (StudioProcess worker : workers) {
            worker.awaitOutput("Belladonna worker running device jobs", Waits.SERVER_START);
        }

        FormClient client = new FormClient("http://127.0.0.1:" + port);
        List<FormClient.Part> uploads = new ArrayList<>();
        for (int i = 0; i < PROTECTIONS; i++) {
            uploads.add(new FormClient.Part("images", "art-" + i + ".png", TestImages.png(72, 64, 30 + i)));
        }
        var submitted = client.post("/protect", Map.of("concept", "1", "steps", "60", "working-size", "64", "views", "on"), uploads);
        assertEquals(303, submitted.statusCode(), submitted.body());

        Store store = Store.open(dir.resolve("observer"), null, database);
        // Freeze each worker in turn and look: kill the first one found mid-job (running, a step reported), still
        // frozen, so the state seen is the state it dies in.
        long[] victim = new long[1];
        await("a worker frozen mid-job").atMost(Waits.JOB).pollInSameThread().pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(50)).until(() -> {
                    for (StudioProcess worker : workers) {
                        worker.signal("STOP");
                        Optional<Long> job = runningMidJob(store, worker.pid());
                        if (job.isPresent()) {
                            victim[0] = job.get();
                            worker.kill();
                            return true;
                        }
                        worker.signal("CONT");
                    }
                    return false;
                });
        assertEquals("running", state(store, victim[0]), "the killed worker left its job mid-run");
        long killed = System.nanoTime();
        await("the killed worker's job taken over").atMost(Waits.JOB).pollInterval(Duration.ofMillis(250))
                .until(() -> Rows.integer(store, "SELECT attempts FROM job WHERE id = " + victim[0]) == 2);
        System.out.printf("job %d taken over by the other worker %.1f s after the kill%n", victim[0], (System.nanoTime() - killed) / 1e9);

        await("all " + PROTECTIONS + " protections done").atMost(Waits.JOB.multipliedBy(2)).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    assertEquals(0, Rows.integer(store, "SELECT count(*) FROM job WHERE state IN ('failed', 'cancelled')"),
                            () -> "a job failed: " + store.read(h -> h.createQuery("SELECT error FROM job WHERE error IS NOT NULL")
                                    .mapTo(String.class).list()));
                    return Rows.integer(store, "SELECT count(*) FROM job WHERE kind = 'protect' AND state = 'done'") == PROTECTIONS;
                });

        assertEquals(PROTECTIONS, Rows.count(store, "protection"));
        assertEquals(PROTECTIONS, Rows.integer(store, "SELECT count(DISTINCT output_hash) FROM protection WHERE output_hash IS NOT NULL"));
        assertEquals(2, Rows.integer(store, "SELECT attempts FROM job WHERE id = " + victim[0]), "the killed job ran once more");
        assertEquals(PROTECTIONS + 1, Rows.integer(store, "SELECT sum(attempts) FROM job WHERE kind = 'protect'"),
                "every other job ran once");
        assertEquals(2 * PROTECTIONS + 1, Rows.count(store, "derived_image"),
                "each original and protected view once, and the one target view all six share (same concept)");
        int rows = Rows.count(store, "image_file");
        try (var files = Files.walk(images)) {
            assertEquals(rows, files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                    .count(), "every stored file has exactly one row");
        }
        for (StudioProcess p : processes) {
            if (p.isAlive()) {
                p.stop();
            }
        }
    }

    /** A job that worker {@code pid} is running with a step reported, if any. */
    private static Optional<Long> runningMidJob(Store store, long pid) {
        List<String> processing = store.read(h -> h.createQuery(
                "SELECT jobAsJson FROM lane_device_jobrunr_jobs WHERE state = 'PROCESSING'").mapTo(String.class).list());
        for (String json : processing) {
            Matcher m = PROCESSING.matcher(json);
            if (m.find() && Long.parseLong(m.group(2)) == pid) {
                long job = Long.parseLong(m.group(1));
                boolean midRun = store.read(h -> h.createQuery("SELECT count(*) FROM job WHERE id = ? AND state = 'running' AND progress > 0")
                        .bind(0, job).mapTo(Integer.class).one()) == 1;
                if (midRun) {
                    return Optional.of(job);
                }
            }
        }
        return Optional.empty();
    }

    private static String state(Store store, long job) {
        return store.read(h -> h.createQuery("SELECT state FROM job WHERE id = ?").bind(0, job).mapTo(String.class).one());
    }

    private StudioProcess started(StudioProcess p) {
        processes.add(p);
        return p;
    }

}
