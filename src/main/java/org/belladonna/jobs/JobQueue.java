package org.belladonna.jobs;

import org.belladonna.store.Jobs;
import org.belladonna.store.Records.Job;
import org.belladonna.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A persistent job queue over the {@code job} table, with one worker thread per lane. Model work
 * (protection, scoring, model's-eye views) shares the "device" lane so one accelerator never runs two
 * jobs at once; imports and downloads run on the "io" lane beside it.
 *
 * <p>Why not a job library: the queue needs SQLite persistence, cancellation, per-lane workers and
 * progress rows the pages poll; that is a hundred lines here, while the maintained Java job schedulers
 * (JobRunr, Quartz, db-scheduler) either lack SQLite storage or bring a dashboard and a scheduler we
 * would have to lock down.
 */
public final class JobQueue implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobQueue.class);
    private static final long POLL_MS = 1000;

    private final Store store;
    private final Map<String, Lane> lanes = new LinkedHashMap<>();
    private final Map<String, JobHandler> handlers = new LinkedHashMap<>();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running;

    private record Lane(String name, List<String> kinds, Semaphore wake) {
    }

    public JobQueue(Store store) {
        this.store = store;
    }

    /** Registers the handler for a kind of job, run on the given lane. Call before {@link #start()}. */
    public synchronized JobQueue register(String kind, String lane, JobHandler handler) {
        if (running) {
            throw new IllegalStateException("register handlers before starting the queue");
        }
        handlers.put(kind, handler);
        lanes.computeIfAbsent(lane, name -> new Lane(name, new ArrayList<>(), new Semaphore(0))).kinds().add(kind);
        return this;
    }

    public long submit(String kind, String payloadJson) {
        requireHandler(kind);
        long id = store.write(h -> Jobs.enqueue(h, kind, payloadJson));
        wake(kind);
        return id;
    }

    /** Refuses work nobody would ever run. */
    public void requireHandler(String kind) {
        if (!handlers.containsKey(kind)) {
            throw new IllegalArgumentException("no handler for jobs of kind " + kind);
        }
    }

    public boolean cancel(long id) {
        return store.write(h -> Jobs.requestCancel(h, id));
    }

    public Optional<Job> find(long id) {
        return store.read(h -> Jobs.find(h, id));
    }

    /** Starts the workers; jobs interrupted by an earlier crash are queued again first. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        if (handlers.isEmpty()) {
            return;
        }
        int resumed = store.write(h -> Jobs.requeueInterrupted(h, List.copyOf(handlers.keySet())));
        if (resumed > 0) {
            LOG.info("{} interrupted job(s) queued again", resumed);
        }
        for (Lane lane : lanes.values()) {
            Thread worker = new Thread(() -> work(lane), "jobs-" + lane.name());
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
    }

    /** Runs queued jobs of these kinds on the calling thread until none is left (the CLI's way). */
    public void drain(List<String> kinds) {
        Optional<Job> job;
        while ((job = store.write(h -> Jobs.claim(h, kinds))).isPresent()) {
            execute(job.get());
        }
    }

    private void work(Lane lane) {
        while (running) {
            try {
                Optional<Job> job = store.write(h -> Jobs.claim(h, lane.kinds()));
                if (job.isPresent()) {
                    execute(job.get());
                } else {
                    lane.wake().tryAcquire(POLL_MS, TimeUnit.MILLISECONDS);
                    lane.wake().drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("job worker {} hit an error; continuing", lane.name(), e);
            }
        }
    }

    private void execute(Job job) {
        JobContext context = new JobContext(store, job.id());
        try {
            String result = handlers.get(job.kind()).run(job, context);
            store.write(h -> {
                Jobs.finish(h, job.id(), result);
                return null;
            });
        } catch (JobCancelledException e) {
            store.write(h -> {
                Jobs.markCancelled(h, job.id());
                return null;
            });
        } catch (Exception e) {
            LOG.warn("job {} ({}) failed", job.id(), job.kind(), e);
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            store.write(h -> {
                Jobs.fail(h, job.id(), message);
                return null;
            });
        }
    }

    /**
     * Wakes the worker of a kind's lane. {@link #submit} does this itself; a service that enqueues jobs
     * inside its own transaction (together with rows the job works on) calls it once that has committed.
     */
    public void wake(String kind) {
        for (Lane lane : lanes.values()) {
            if (lane.kinds().contains(kind)) {
                lane.wake().release();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Lane lane : lanes.values()) {
            lane.wake().release();
        }
        for (Thread worker : workers) {
            worker.join(5000);
        }
    }
}
