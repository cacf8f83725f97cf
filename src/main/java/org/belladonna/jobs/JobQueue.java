package org.belladonna.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.belladonna.memory.MemoryBudget;
import org.belladonna.progress.Cancelled;
import org.belladonna.store.Jobs;
import org.belladonna.store.Records.Job;
import org.belladonna.store.Store;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A persistent job queue over the {@code job} table, with one worker thread per {@link Lane}. A feature
 * declares a {@link JobType} and registers its {@link JobHandler} here (its service does, when it is
 * made); payloads and results travel as JSON on the job row.
 *
 * <p>Why not a job library: the queue needs SQLite persistence, cancellation, per-lane workers and
 * progress rows the pages poll; that is a hundred lines here, while the maintained Java job schedulers
 * (JobRunr, Quartz, db-scheduler) either lack SQLite storage or bring a dashboard and a scheduler we
 * would have to lock down.
 */
public final class JobQueue implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobQueue.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long POLL_MS = 1000;

    private final Store store;
    private final Map<String, Registered<?>> handlers = new LinkedHashMap<>();
    private final Map<Lane, Semaphore> wake = new EnumMap<>(Lane.class);
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running;
    /** Set by {@link #close()}: running jobs stop at their next check (drain() runs jobs without starting). */
    private volatile boolean closing;

    private record Registered<P>(JobType<P> type, JobHandler<P> handler) {
        P payload(Job job) throws IOException {
            return JSON.readValue(job.payload(), type.payload());
        }

        Object run(Job job, JobContext context, MemoryBudget memory) throws Exception {
            P payload = payload(job);
            long need = handler.memoryEstimate(payload);
            if (need <= 0) {
                return handler.run(payload, context);
            }
            context.update(WAITING_FOR_MEMORY, 0, 1, MemoryBudget.human(need >> 20));
            try (MemoryBudget.Reservation reserved = memory.reserve("This job", need, MEMORY_WAIT)) {
                return handler.run(payload, context);
            }
        }
    }

    /** Phase shown while a job waits for memory that other work holds. */
    public static final String WAITING_FOR_MEMORY = "waiting for memory";
    private static final Duration MEMORY_WAIT = Duration.ofMinutes(30);

    private final MemoryBudget memory;
    /** The step clocks of the jobs running in this process, by job id. */
    private final Map<Long, StepClock> live = new java.util.concurrent.ConcurrentHashMap<>();

    /** A queue whose jobs share this machine's default memory budget. */
    public JobQueue(Store store) {
        this(store, MemoryBudget.ofThisMachine(0));
    }

    public JobQueue(Store store, MemoryBudget memory) {
        this.store = store;
        this.memory = memory;
        for (Lane lane : Lane.values()) {
            wake.put(lane, new Semaphore(0));
        }
    }

    /** The memory budget the queue's jobs reserve from; services check an estimate against it when work is submitted. */
    public MemoryBudget memory() {
        return memory;
    }

    /** Registers the handler of a job type. Call before {@link #start()}. */
    public synchronized <P> void register(JobType<P> type, JobHandler<P> handler) {
        if (running) {
            throw new IllegalStateException("register handlers before starting the queue");
        }
        if (handlers.putIfAbsent(type.name(), new Registered<>(type, handler)) != null) {
            throw new IllegalStateException("a handler for " + type.name() + " jobs is registered already");
        }
    }

    /** Queues a job and wakes its lane's worker; returns the job's id. */
    public <P> long submit(JobType<P> type, P payload) {
        long id = store.write(h -> enqueue(h, type, payload));
        wake(type);
        return id;
    }

    /**
     * Queues a job inside the caller's transaction, together with rows it works on; call {@link #wake} once
     * that has committed.
     */
    public <P> long enqueue(Handle h, JobType<P> type, P payload) {
        requireHandler(type);
        return Jobs.enqueue(h, type.name(), json(payload));
    }

    /**
     * For a job whose payload names rows that name the job (a protection and its job): queue the job first,
     * insert the rows, then {@link #setPayload} in the same transaction, before any worker can see it.
     */
    public long reserve(Handle h, JobType<?> type) {
        requireHandler(type);
        return Jobs.enqueue(h, type.name(), "{}");
    }

    public <P> void setPayload(Handle h, long jobId, JobType<P> type, P payload) {
        Jobs.setPayload(h, jobId, json(payload));
    }

    private void requireHandler(JobType<?> type) {
        if (!handlers.containsKey(type.name())) {
            throw new IllegalStateException("no handler is registered for " + type.name() + " jobs");
        }
    }

    public boolean cancel(long id) {
        return store.write(h -> Jobs.requestCancel(h, id));
    }

    /**
     * Where a job running in this process is, with the time left measured from its unit times; empty for a
     * job not running here (queued, finished, or run by another process).
     */
    public Optional<JobEstimate> estimate(long id) {
        StepClock clock = live.get(id);
        return clock == null ? Optional.empty() : Optional.ofNullable(clock.estimate());
    }

    public Optional<Job> find(long id) {
        return store.read(h -> Jobs.find(h, id));
    }

    /** A job of this type, or empty (an id of another type's job included). */
    public Optional<Job> find(JobType<?> type, long id) {
        return find(id).filter(j -> j.kind().equals(type.name()));
    }

    /** The newest job of a type, whatever its state. */
    public Optional<Job> latest(JobType<?> type) {
        return store.read(h -> Jobs.recent(h, type.name(), 1).stream().findFirst());
    }

    /** The newest job of a type whose payload has {@code field} = {@code value}, whatever its state. */
    public Optional<Job> latest(JobType<?> type, String field, Object value) {
        return store.read(h -> Jobs.latestFor(h, type.name(), field, value));
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
        for (Lane lane : Lane.values()) {
            List<String> kinds = kinds(lane);
            if (kinds.isEmpty()) {
                continue;
            }
            Thread worker = new Thread(() -> work(lane, kinds), "jobs-" + lane.name().toLowerCase(java.util.Locale.ROOT));
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
    }

    private List<String> kinds(Lane lane) {
        return handlers.values().stream().filter(r -> r.type().lane() == lane).map(r -> r.type().name()).toList();
    }

    /** Runs queued jobs of these types on the calling thread until none is left (the CLI's way). */
    public void drain(JobType<?>... types) {
        List<String> kinds = java.util.Arrays.stream(types).map(JobType::name).toList();
        Optional<Job> job;
        while ((job = store.write(h -> Jobs.claim(h, kinds))).isPresent()) {
            execute(job.get());
        }
    }

    private void work(Lane lane, List<String> kinds) {
        Semaphore signal = wake.get(lane);
        while (running) {
            try {
                Optional<Job> job = store.write(h -> Jobs.claim(h, kinds));
                if (job.isPresent()) {
                    execute(job.get());
                } else {
                    signal.tryAcquire(POLL_MS, TimeUnit.MILLISECONDS);
                    signal.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("job worker {} hit an error; continuing", lane, e);
            }
        }
    }

    private void execute(Job job) {
        Registered<?> registered = handlers.get(job.kind());
        StepClock clock = new StepClock(registered.type());
        live.put(job.id(), clock);
        JobContext context = new JobContext(store, job.id(), registered.type(), clock, () -> closing);
        try {
            String result = json(registered.run(job, context, memory));
            store.write(h -> {
                Jobs.finish(h, job.id(), result);
                return null;
            });
        } catch (MemoryBudget.Refused e) {
            store.write(h -> {
                Jobs.fail(h, job.id(), e.getMessage());
                return null;
            });
        } catch (ServerStopping e) {
            LOG.info("job {} ({}) stopped with the server; the next start resumes it", job.id(), job.kind());
        } catch (Cancelled e) {
            store.write(h -> {
                Jobs.markCancelled(h, job.id());
                return null;
            });
        } catch (Exception e) {
            if (e instanceof IOException) {
                // The machine or its input (no network, a missing model, a bad file): the message says what
                // to do, and the job's page shows it; a stack trace would only bury it in the log.
                LOG.warn("job {} ({}) failed: {}", job.id(), job.kind(), e.getMessage());
                LOG.debug("job {} failed", job.id(), e);
            } else {
                LOG.warn("job {} ({}) failed", job.id(), job.kind(), e);
            }
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            store.write(h -> {
                Jobs.fail(h, job.id(), message);
                return null;
            });
        } finally {
            live.remove(job.id());
        }
    }

    /** Wakes the worker of a job type's lane (after a transaction that enqueued jobs has committed). */
    public void wake(JobType<?> type) {
        wake.get(type.lane()).release();
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        closing = true;
        running = false;
        wake.values().forEach(Semaphore::release);
        for (Thread worker : workers) {
            worker.join(5000);
        }
    }
}
