package org.belladonna.testing;

import org.belladonna.app.Studio;
import org.belladonna.images.Upload;
import org.belladonna.testing.TestModels;
import org.belladonna.protect.ProtectionSettings;
import org.belladonna.protect.Effort;
import org.belladonna.store.Records.Job;
import org.belladonna.store.Records.Protection;
import org.belladonna.web.WebServer;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/** Protections for tests: CI-sized settings, one queued artwork, a server with the TAEF2 weights. */
public final class ProtectionFixture {
    private ProtectionFixture() {
    }

    /** CI-sized: 64 px working size, a few steps, no robustness table. */
    public static ProtectionSettings tiny(int steps) {
        return ProtectionSettings.defaults().withEffort(Effort.FAST).withSteps(steps).withWorkingSize(64)
                .withMeasureRobustness(false);
    }

    public static long cubism(Studio studio) {
        return studio.concepts().all().stream().filter(e -> e.concept().slug().equals("cubism")).findFirst()
                .orElseThrow().concept().id();
    }

    /** One generated image toward cubism, queued (not run). */
    public static Protection submitOne(Studio studio, int width, int height, long seed, int steps) throws Exception {
        var submission = studio.protection().submit(List.of(new Upload("art.png", TestImages.png(width, height, seed))),
                cubism(studio), tiny(steps));
        return studio.protection().find(submission.protectionIds().get(0)).orElseThrow();
    }

    /** A real server over {@code data} (a {@code @TempDir}), whose models folder gets the TAEF2 weights. */
    public static TestServer serverWithWeights(Path data) throws Exception {
        TestModels.installed(data.resolve("models"), "taef2-encoder", "taef2-decoder");
        return TestServer.start(data, WebServer.Options.defaults());
    }

    /**
     * The job row once {@code done} holds for it, polled; fails at once if the job ends otherwise, and after
     * {@link Waits#JOB} if it never gets there (a bound, not a timing assertion).
     */
    public static Job waitFor(Studio studio, long jobId, Predicate<Job> done) {
        return await("job " + jobId).atMost(Waits.JOB).pollInterval(Waits.POLL).pollInSameThread()
                .until(() -> {
                    Job job = studio.jobs().find(jobId).orElseThrow();
                    if (!done.test(job) && job.finished()) {
                        throw new AssertionError("job ended " + job.state() + " (" + job.error() + ") before the awaited state");
                    }
                    return job;
                }, done);
    }
}
