package org.belladonna.jobs;

import org.awaitility.Awaitility;
import org.belladonna.progress.Cancelled;
import org.belladonna.store.Jobs;
import org.belladonna.store.Records.Job;
import org.belladonna.store.Store;
import org.belladonna.testing.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JobQueueTest {
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
        Store store = Store.open(dir);
        try (JobQueue queue = new JobQueue(store)) {
            CountDownLatch halfway = new CountDownLatch(1);
            CountDownLatch seen = new CountDownLatch(1);
            queue.register(ECHO, (payload, ctx) -> {
                ctx.update("first half", 1, 1, "done with it");
                halfway.countDown();
                assertTrue(seen.await(10, TimeUnit.SECONDS));
                return new Echo(payload.x() + 1);
            });
            queue.start();
            long id = queue.submit(ECHO, new Echo(1));
            assertTrue(halfway.await(10, TimeUnit.SECONDS));
            Job middle = queue.find(id).orElseThrow();
            assertEquals(0.5, middle.progress(), 1e-9);
            assertEquals("first half 1 of 1 · done with it", middle.message());
            seen.countDown();
            Job done = await(queue, id);
            assertEquals("done", done.state());
            assertEquals("{\"x\":2}", done.result());
            assertEquals(1.0, done.progress());
        }
    }

    @Test
    void failuresAreRecordedWithTheirMessage() throws Exception {
        Store store = Store.open(dir);
        try (JobQueue queue = new JobQueue(store)) {
            queue.register(BOOM, (payload, ctx) -> {
                throw new IllegalStateException("the model is missing");
            });
            queue.start();
            Job failed = await(queue, queue.submit(BOOM, new Nothing()));
            assertEquals("failed", failed.state());
            assertEquals("the model is missing", failed.error());
        }
    }

    @Test
    void closingStopsARunningJobAtItsNextCheckAndLeavesItForTheNextStart() throws Exception {
        Store store = Store.open(dir);
        CountDownLatch started = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean returned = new java.util.concurrent.atomic.AtomicBoolean();
        long id;
        JobQueue queue = new JobQueue(store);
        queue.register(WORK, (payload, ctx) -> {
            started.countDown();
            for (int step = 0; step < 1_000_000; step++) {
                ctx.checkCancelled();
                Thread.sleep(5);
            }
            returned.set(true);
            return new Nothing();
        });
        queue.start();
        id = queue.submit(WORK, new Nothing());
        assertTrue(started.await(10, TimeUnit.SECONDS));
        queue.close();
        Job left = queue.find(id).orElseThrow();
        assertEquals("running", left.state(), "neither cancelled nor failed: the next start resumes it");
        assertFalse(returned.get());
    }

    @Test
    void aRunningJobStopsWhenCancelled() throws Exception {
        Store store = Store.open(dir);
        CountDownLatch started = new CountDownLatch(1);
        try (JobQueue queue = new JobQueue(store)) {
            queue.register(LONG, (payload, ctx) -> {
                started.countDown();
                for (int i = 0; i < 10_000; i++) {
                    ctx.checkCancelled();
                    Thread.sleep(5);
                }
                return null;
            });
            queue.start();
            long id = queue.submit(LONG, new Nothing());
            assertTrue(started.await(10, TimeUnit.SECONDS));
            assertTrue(queue.cancel(id));
            assertEquals("cancelled", await(queue, id).state());
        }
    }

    @Test
    void jobsInterruptedByACrashRunAgainAfterRestart() throws Exception {
        Store store = Store.open(dir);
        long id = store.write(h -> Jobs.enqueue(h, "work", "{}"));
        // A previous process claimed it and died.
        assertEquals(id, store.write(h -> Jobs.claim(h, List.of("work"))).orElseThrow().id());
        AtomicInteger runs = new AtomicInteger();
        try (JobQueue queue = new JobQueue(Store.open(dir))) {
            queue.register(WORK, (payload, ctx) -> runs.incrementAndGet());
            queue.start();
            Job done = await(queue, id);
            assertEquals("done", done.state());
            assertEquals(2, done.attempts());
            assertEquals(1, runs.get());
        }
    }

    @Test
    void workNobodyRunsIsRefused() {
        Store store = Store.open(dir);
        JobQueue queue = new JobQueue(store);
        assertThrows(IllegalStateException.class, () -> queue.submit(ECHO, new Echo(1)));
        queue.register(ECHO, (payload, ctx) -> null);
        assertThrows(IllegalStateException.class, () -> queue.register(ECHO, (payload, ctx) -> null));
    }

    @Test
    void cancellationIsTheOneProgressIdiom() {
        Store store = Store.open(dir);
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

    private static Job await(JobQueue queue, long id) {
        return Awaitility.await("job " + id + " finished").atMost(Waits.SHORT).pollInSameThread()
                .pollInterval(Duration.ofMillis(25)).until(() -> queue.find(id).orElseThrow(), Job::finished);
    }
}
