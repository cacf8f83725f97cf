package org.belladonna.jobs;

import org.awaitility.Awaitility;
import org.belladonna.progress.Cancelled;
import org.belladonna.store.Jobs;
import org.belladonna.store.Records.Job;
import org.belladonna.store.Store;
import org.belladonna.testing.TestDatabase;
import org.belladonna.testing.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The job engine on both databases: what the old single-process queue guaranteed, and lanes. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class BackgroundJobsTest {
    @Parameter
    TestDatabase database;

    record Echo(int x) {
    }

    record Nothing() {
    }

    static final JobType<Echo> ECHO = JobType.of("echo", Lane.IO, Echo.class, "first half", 0.5, "second half", 0.5);
    static final JobType<Nothing> BOOM = JobType.of("boom", Lane.IO, Nothing.class, "working", 1.0);
    static final JobType<Nothing> LONG = JobType.of("long", Lane.DEVICE, Nothing.class, "waiting", 1.0);
    static final JobType<Nothing> WORK = JobType.of("work", Lane.DEVICE, Nothing.class, "working", 1.0);

    @TempDir
    Path dir;

    @Test
    void runsJobsWithTypedPayloadsAndStoresTheirResult() throws Exception {
        Store store = database.open(dir);
        try (BackgroundJobs jobs = new BackgroundJobs(store)) {
            CountDownLatch halfway = new CountDownLatch(1);
            CountDownLatch seen = new CountDownLatch(1);
            jobs.register(ECHO, (payload, ctx) -> {
                ctx.update("first half", 1, 1, "done with it");
                halfway.countDown();
                assertTrue(seen.await(10, TimeUnit.SECONDS));
                return new Echo(payload.x() + 1);
            });
            jobs.start();
            long id = jobs.submit(ECHO, new Echo(1));
            assertTrue(halfway.await(Waits.SHORT.toSeconds(), TimeUnit.SECONDS));
            Job middle = jobs.find(id).orElseThrow();
            assertEquals(0.5, middle.progress(), 1e-9);
            assertEquals("first half 1 of 1 · done with it", middle.message());
            seen.countDown();
            Job done = await(jobs, id);
            assertEquals("done", done.state());
            assertEquals("{\"x\":2}", done.result());
            assertEquals(1.0, done.progress());
            assertEquals(1, done.attempts());
        }
    }

    @Test
    void failuresAreRecordedWithTheirMessage() throws Exception {
        Store store = database.open(dir);
        try (BackgroundJobs jobs = new BackgroundJobs(store)) {
            jobs.register(BOOM, (payload, ctx) -> {
                throw new IllegalStateException("the model is missing");
            });
            jobs.start();
            Job failed = await(jobs, jobs.submit(BOOM, new Nothing()));
            assertEquals("failed", failed.state());
            assertEquals("the model is missing", failed.error());
            assertEquals(1, failed.attempts());
        }
    }

    @Test
    void closingStopsARunningJobAtItsNextCheckAndTheNextStartFinishesIt() throws Exception {
        Store store = database.open(dir);
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean returned = new AtomicBoolean();
        AtomicBoolean endless = new AtomicBoolean(true);
        BackgroundJobs jobs = new BackgroundJobs(store);
        jobs.register(WORK, (payload, ctx) -> {
            started.countDown();
            for (int step = 0; step < 1_000_000 && endless.get(); step++) {
                ctx.checkCancelled();
                Thread.sleep(5);
            }
            returned.set(true);
            return new Nothing();
        });
        jobs.start();
        long id = jobs.submit(WORK, new Nothing());
        assertTrue(started.await(Waits.SHORT.toSeconds(), TimeUnit.SECONDS));
        jobs.close();
        assertEquals("running", jobs.find(id).orElseThrow().state(), "neither cancelled nor failed: the next start resumes it");
        assertFalse(returned.get());

        endless.set(false);
        try (BackgroundJobs again = new BackgroundJobs(store)) {
            again.register(WORK, (payload, ctx) -> new Nothing());
            again.start();
            Job done = Awaitility.await("the stopped job done after the next start").atMost(Waits.JOB)
                    .pollInterval(Waits.POLL).until(() -> again.find(id).orElseThrow(), Job::finished);
            assertEquals("done", done.state());
            assertEquals(2, done.attempts());
        }
    }

    @Test
    void aRunningJobStopsWhenCancelled() throws Exception {
        Store store = database.open(dir);
        CountDownLatch started = new CountDownLatch(1);
        try (BackgroundJobs jobs = new BackgroundJobs(store)) {
            jobs.register(LONG, (payload, ctx) -> {
                started.countDown();
                for (int i = 0; i < 10_000; i++) {
                    ctx.checkCancelled();
                    Thread.sleep(5);
                }
                return null;
            });
            jobs.start();
            long id = jobs.submit(LONG, new Nothing());
            assertTrue(started.await(Waits.SHORT.toSeconds(), TimeUnit.SECONDS));
            assertTrue(jobs.cancel(id));
            assertEquals("cancelled", await(jobs, id).state());
        }
    }

    @Test
    void aQueuedJobCancelledNeverRuns() throws Exception {
        Store store = database.open(dir);
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        try (BackgroundJobs jobs = new BackgroundJobs(store)) {
            jobs.register(WORK, (payload, ctx) -> {
                if (runs.incrementAndGet() == 1) {
                    firstStarted.countDown();
                    assertTrue(release.await(Waits.SHORT.toSeconds(), TimeUnit.SECONDS));
                }
                return null;
            });
            jobs.start();
            long first = jobs.submit(WORK, new Nothing());
            assertTrue(firstStarted.await(Waits.SHORT.toSeconds(), TimeUnit.SECONDS));
            long second = jobs.submit(WORK, new Nothing()); // waits: the device lane runs one job at a time
            assertTrue(jobs.cancel(second));
            release.countDown();
            long third = jobs.submit(WORK, new Nothing());
            assertEquals("done", await(jobs, first).state());
            assertEquals("done", await(jobs, third).state());
            assertEquals("cancelled", jobs.find(second).orElseThrow().state());
            assertEquals(0, jobs.find(second).orElseThrow().attempts());
            assertEquals(2, runs.get(), "the first and the third ran; the cancelled one never did");
        }
    }

    @Test
    void deviceJobsRunOneAtATimeWhileIoJobsRunBeside() throws Exception {
        Store store = database.open(dir);
        AtomicInteger device = new AtomicInteger();
        AtomicInteger mostDevice = new AtomicInteger();
        CountDownLatch ioRan = new CountDownLatch(1);
        try (BackgroundJobs jobs = new BackgroundJobs(store)) {
            jobs.register(WORK, (payload, ctx) -> {
                mostDevice.accumulateAndGet(device.incrementAndGet(), Math::max);
                try {
                    // A device job waits for an io job to run: it can only if io work runs beside device work.
                    assertTrue(ioRan.await(Waits.SHORT.toSeconds(), TimeUnit.SECONDS), "an io job ran beside");
                    Thread.sleep(50);
                } finally {
                    device.decrementAndGet();
                }
                return null;
            });
            jobs.register(ECHO, (payload, ctx) -> {
                ioRan.countDown();
                return payload;
            });
            jobs.start();
            long[] ids = {jobs.submit(WORK, new Nothing()), jobs.submit(WORK, new Nothing()), jobs.submit(WORK, new Nothing()),
                    jobs.submit(ECHO, new Echo(7))};
            for (long id : ids) {
                assertEquals("done", await(jobs, id).state());
            }
            assertEquals(1, mostDevice.get(), "device jobs never overlapped");
        }
    }

    @Test
    void aHostServesOnlyTheLanesItIsGiven() throws Exception {
        Store store = database.open(dir);
        AtomicInteger deviceRuns = new AtomicInteger();
        try (BackgroundJobs jobs = new BackgroundJobs(store)) {
            jobs.register(WORK, (payload, ctx) -> deviceRuns.incrementAndGet());
            jobs.register(ECHO, (payload, ctx) -> payload);
            jobs.start(EnumSet.of(Lane.IO));
            long deviceJob = jobs.submit(WORK, new Nothing());
            assertEquals("done", await(jobs, jobs.submit(ECHO, new Echo(1))).state());
            assertTrue(jobs.serving(Lane.IO));
            assertFalse(jobs.serving(Lane.DEVICE));
            assertEquals("queued", jobs.find(deviceJob).orElseThrow().state(), "left for a host that serves the device lane");
            assertEquals(0, deviceRuns.get());
        }
    }

    @Test
    void jobsInterruptedByACrashRunAgainAfterRestart() throws Exception {
        Store store = database.open(dir);
        long id = store.write(h -> Jobs.enqueue(h, "work", "{}"));
        // A previous process started it and died, before JobRunr was ever told of it.
        assertEquals(id, store.write(h -> Jobs.start(h, id)).orElseThrow().id());
        AtomicInteger runs = new AtomicInteger();
        try (BackgroundJobs jobs = new BackgroundJobs(database.open(dir))) {
            jobs.register(WORK, (payload, ctx) -> runs.incrementAndGet());
            jobs.start();
            Job done = await(jobs, id);
            assertEquals("done", done.state());
            assertEquals(2, done.attempts());
            assertEquals(1, runs.get());
        }
    }

    @Test
    void drainRunsQueuedJobsInlineWithoutAServer() throws Exception {
        Store store = database.open(dir);
        BackgroundJobs jobs = new BackgroundJobs(store);
        jobs.register(ECHO, (payload, ctx) -> new Echo(payload.x() * 2));
        long id = jobs.submit(ECHO, new Echo(21));
        assertEquals("queued", jobs.find(id).orElseThrow().state(), "nothing runs in the background before start");
        jobs.drain(ECHO);
        Job done = jobs.find(id).orElseThrow();
        assertEquals("done", done.state());
        assertEquals("{\"x\":42}", done.result());
    }

    @Test
    void twoProcessesNeverServeJobsFromOneDataDirectory() throws Exception {
        Store store = database.open(dir);
        try (BackgroundJobs first = new BackgroundJobs(store)) {
            first.start();
            BackgroundJobs second = new BackgroundJobs(database.open(dir));
            IllegalStateException refused = assertThrows(IllegalStateException.class, second::start);
            assertTrue(refused.getMessage().contains("another Belladonna process runs jobs from"), refused.getMessage());
        }
    }

    @Test
    void workNobodyRunsIsRefused() {
        Store store = database.open(dir);
        BackgroundJobs jobs = new BackgroundJobs(store);
        assertThrows(IllegalStateException.class, () -> jobs.submit(ECHO, new Echo(1)));
        jobs.register(ECHO, (payload, ctx) -> null);
        assertThrows(IllegalStateException.class, () -> jobs.register(ECHO, (payload, ctx) -> null));
    }

    @Test
    void cancellationIsTheOneProgressIdiom() {
        Store store = database.open(dir);
        long id = store.write(h -> Jobs.enqueue(h, "echo", "{\"x\":1}"));
        JobContext context = new JobContext(store, id, ECHO);
        context.checkCancelled();
        store.write(h -> Jobs.requestCancel(h, id));
        assertThrows(Cancelled.class, () -> {
            for (int i = 0; i < 100; i++) {   // the flag is read at most every 250 ms
                context.checkCancelled();
                Thread.sleep(10);
            }
        });
    }

    private static Job await(BackgroundJobs jobs, long id) {
        return Awaitility.await("job " + id + " finished").atMost(Waits.SHORT).pollInSameThread()
                .pollInterval(Duration.ofMillis(25)).until(() -> jobs.find(id).orElseThrow(), Job::finished);
    }
}
