package org.belladonna.artworks;

import org.belladonna.testing.TestDatabase;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.awaitility.Awaitility;
import org.belladonna.app.Studio;
import org.belladonna.images.ImageDecoder;
import org.belladonna.images.Upload;
import org.belladonna.models.ModelMissingException;
import org.belladonna.protect.Protector;
import org.belladonna.store.Jobs;
import org.belladonna.store.Records.Job;
import org.belladonna.store.Records.Protection;
import org.belladonna.testing.Rows;
import org.belladonna.testing.TestImages;
import org.belladonna.testing.TestModels;
import org.belladonna.testing.Waits;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.belladonna.testing.ProtectionFixture.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The protection service and its job against the real TAEF2 weights, on tiny images. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class ProtectionJobsTest {
    @Parameter
    TestDatabase database;

    @TempDir
    static Path models;

    @BeforeAll
    static void installWeights() throws Exception {
        TestModels.installed(models, "taef2-encoder", "taef2-decoder");
    }

    @Test
    void builtInConceptIsRegisteredOnceWithItsAnchorsStored(@TempDir Path data) {
        Studio first = database.studio(data, models);
        Studio again = database.studio(data, models);
        assertEquals(1, Rows.count(again.store(), "concept"));
        var cubism = again.concepts().all().get(0);
        assertTrue(cubism.concept().builtin());
        assertEquals(3, cubism.anchors().size());
        for (String hash : cubism.anchors()) {
            assertTrue(again.store().files().contains(hash), "anchor file " + hash + " stored");
        }
        assertEquals(3, Rows.count(first.store(), "image_file"));
    }

    @Test
    void aJobRunAgainAfterACrashStoresNothingTwice(@TempDir Path data) throws Exception {
        Studio studio = database.studio(data, models);
        long id = submitOne(studio, 80, 72, 1, 2).id();
        studio.jobs().drain(ProtectionJob.TYPE);

        Protection done = studio.protection().find(id).orElseThrow();
        assertNotNull(done.outputHash(), "output stored");
        assertNotNull(done.report());
        assertTrue(done.wallMs() > 0);
        var output = new ImageDecoder().decode(studio.store().files().read(done.outputHash()));
        assertEquals(80, output.width());
        assertEquals(72, output.height());
        assertEquals(3, Rows.count(studio.store(), "derived_image"), "original, protected and target views");
        var report = studio.protection().report(done).orElseThrow();
        assertEquals(2, report.steps());
        Job job = studio.jobs().find(done.jobId()).orElseThrow();
        assertEquals("done", job.state());
        int files = Rows.count(studio.store(), "image_file");

        // As if the process died after committing but before the job was marked done: a server starting over
        // the same data queues the unfinished row, and runs it again.
        studio.store().write(h -> h.execute("UPDATE job SET state = 'running' WHERE id = ?", done.jobId()));
        Studio restarted = database.studio(data, models);
        try {
            restarted.jobs().start();
            Awaitility.await("the interrupted job done again").atMost(Waits.JOB).pollInterval(Duration.ofMillis(100))
                    .until(() -> restarted.jobs().find(done.jobId()).orElseThrow().state(), "done"::equals);
        } finally {
            restarted.jobs().close();
        }
        assertEquals(2, restarted.jobs().find(done.jobId()).orElseThrow().attempts());
        assertEquals(done.outputHash(), restarted.protection().find(id).orElseThrow().outputHash());
        assertEquals(files, Rows.count(restarted.store(), "image_file"));
        assertEquals(3, Rows.count(restarted.store(), "derived_image"));
        assertEquals(1, Rows.count(restarted.store(), "protection"));
    }

    @Test
    void cancellingAQueuedJobStoresNoOutput(@TempDir Path data) throws Exception {
        Studio studio = database.studio(data, models);
        Protection p = submitOne(studio, 64, 64, 2, 2);
        assertTrue(studio.jobs().cancel(p.jobId()));
        studio.jobs().drain(ProtectionJob.TYPE);
        assertEquals("cancelled", studio.jobs().find(p.jobId()).orElseThrow().state());
        assertNull(studio.protection().find(p.id()).orElseThrow().outputHash());
    }

    @Test
    void cancellingARunningJobStopsTheEngineAndStoresNoOutput(@TempDir Path data) throws Exception {
        Studio studio = database.studio(data, models);
        Protection p = submitOne(studio, 64, 64, 3, 10_000);
        int files = Rows.count(studio.store(), "image_file");
        studio.jobs().start();
        try {
            Job job = waitFor(studio, p.jobId(), j -> j.state().equals("running")
                    && j.message().startsWith(Protector.OPTIMISING + " "));
            assertTrue(job.progress() > 0, "progress " + job.progress());
            studio.jobs().cancel(p.jobId());
            Job ended = waitFor(studio, p.jobId(), Job::finished);
            assertEquals("cancelled", ended.state());
        } finally {
            studio.jobs().close();
        }
        assertNull(studio.protection().find(p.id()).orElseThrow().outputHash());
        assertEquals(files, Rows.count(studio.store(), "image_file"));
        assertEquals(0, Rows.count(studio.store(), "derived_image"));
    }

    @Test
    void missingWeightsRefuseTheSubmissionNamingTheInstallCommand(@TempDir Path data) throws Exception {
        Studio studio = database.studio(data, data.resolve("no-models"));
        assertTrue(studio.protection().missingModels().orElseThrow().contains("belladonna models pull taef2-encoder"));
        int files = Rows.count(studio.store(), "image_file");
        var e = assertThrows(ModelMissingException.class, () -> studio.protection().submit(
                List.of(new Upload("a.png", TestImages.png(64, 64, 4))), cubism(studio), tiny(2)));
        assertTrue(e.getMessage().contains("models pull"), e.getMessage());
        assertEquals(0, Rows.count(studio.store(), "protection"));
        assertEquals(0, Rows.count(studio.store(), "job"));
        assertEquals(files, Rows.count(studio.store(), "image_file"));
        try (var stored = Files.walk(data.resolve("images"))) {
            assertEquals(files, stored.filter(Files::isRegularFile).count());
        }
    }
}
