package org.belladonna.jobs;

import org.belladonna.store.Jobs;
import org.belladonna.store.Records.Job;
import org.belladonna.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JobQueueTest {
    @TempDir
    Path dir;

    @Test
    void runsJobsAndStoresTheirResult() throws Exception {
        Store store = Store.open(dir);
        try (JobQueue queue = new JobQueue(store)) {
            queue.register("echo", "io", (job, ctx) -> {
                ctx.progress(0.5, "half way");
                return job.payload();
            }).start();
            long id = queue.submit("echo", "{\"x\":1}");
            Job done = await(queue, id);
            assertEquals("done", done.state());
            assertEquals("{\"x\":1}", done.result());
            assertEquals(1.0, done.progress());
        }
    }

    @Test
    void failuresAreRecordedWithTheirMessage() throws Exception {
        Store store = Store.open(dir);
        try (JobQueue queue = new JobQueue(store)) {
            queue.register("boom", "io", (job, ctx) -> {
                throw new IllegalStateException("the model is missing");
            }).start();
            Job failed = await(queue, queue.submit("boom", "{}"));
            assertEquals("failed", failed.state());
            assertEquals("the model is missing", failed.error());
        }
    }

    @Test
    void aRunningJobStopsWhenCancelled() throws Exception {
        Store store = Store.open(dir);
        CountDownLatch started = new CountDownLatch(1);
        try (JobQueue queue = new JobQueue(store)) {
            queue.register("long", "device", (job, ctx) -> {
                started.countDown();
                for (int i = 0; i < 10_000; i++) {
                    ctx.checkCancelled();
                    Thread.sleep(5);
                }
                return "{}";
            }).start();
            long id = queue.submit("long", "{}");
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
            queue.register("work", "device", (job, ctx) -> "{\"run\":" + runs.incrementAndGet() + "}").start();
            Job done = await(queue, id);
            assertEquals("done", done.state());
            assertEquals(2, done.attempts());
            assertEquals(1, runs.get());
        }
    }

    private static Job await(JobQueue queue, long id) throws InterruptedException {
        for (int i = 0; i < 400; i++) {
            Job job = queue.find(id).orElseThrow();
            if (job.finished()) {
                return job;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("job " + id + " did not finish");
    }
}
