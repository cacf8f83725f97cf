package org.belladonna.jobs;

import org.belladonna.memory.MemoryBudget;
import org.belladonna.store.Jobs;
import org.belladonna.store.Records.Job;
import org.belladonna.store.Store;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The studio's background work. A feature declares a {@link JobType} and registers its {@link JobHandler}
 * here; each job is a row of the {@code job} table (kind, JSON payload, live progress, state, result), and
 * JobRunr, keeping its own tables in the same database, decides which host runs it and when. See
 * {@link JobRunrLanes} for how lanes map onto JobRunr.
 *
 * <p>Until {@link #start} nothing runs in the background: rows queued meanwhile wait for a server (which
 * queues every unfinished row when it starts) or for {@link #drain}, which runs them inline.
 */
public final class BackgroundJobs implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundJobs.class);

    private final Store store;
    private final MemoryBudget memory;
    private final Map<String, JobRunner.Registered<?>> handlers = new ConcurrentHashMap<>();
    private final JobRunner runner;
    private volatile JobRunrLanes lanes;
    private HostIdentity host;
    /** Set by {@link #close()}: running jobs stop at their next check and run again later. */
    private volatile boolean closing;

    /** Jobs that share this machine's default memory budget. */
    public BackgroundJobs(Store store) {
        this(store, MemoryBudget.ofThisMachine(0));
    }

    public BackgroundJobs(Store store, MemoryBudget memory) {
        this.store = store;
        this.memory = memory;
        this.runner = new JobRunner(store, handlers, memory, () -> closing);
    }

    /** The memory budget jobs reserve from; services check an estimate against it when work is submitted. */
    public MemoryBudget memory() {
        return memory;
    }

    /** Registers the handler of a job type. Call before {@link #start}. */
    public synchronized <P> void register(JobType<P> type, JobHandler<P> handler) {
        if (lanes != null) {
            throw new IllegalStateException("register handlers before starting the jobs");
        }
        if (handlers.putIfAbsent(type.name(), new JobRunner.Registered<>(type, handler)) != null) {
            throw new IllegalStateException("a handler for " + type.name() + " jobs is registered already");
        }
    }

    /** Queues a job; returns its id. */
    public <P> long submit(JobType<P> type, P payload) {
        long id = store.write(h -> enqueue(h, type, payload));
        dispatch(type, List.of(id));
        return id;
    }

    /**
     * Writes a job's row inside the caller's transaction, together with rows it works on; call
     * {@link #dispatch} once that has committed (JobRunr uses connections of its own).
     */
    public <P> long enqueue(Handle h, JobType<P> type, P payload) {
        requireHandler(type);
        return Jobs.enqueue(h, type.name(), JobRunner.json(payload));
    }

    /**
     * For a job whose payload names rows that name the job (a protection and its job): write the job's row
     * first, insert the rows, then {@link #setPayload} in the same transaction, and {@link #dispatch} after it.
     */
    public long reserve(Handle h, JobType<?> type) {
        requireHandler(type);
        return Jobs.enqueue(h, type.name(), "{}");
    }

    public <P> void setPayload(Handle h, long jobId, JobType<P> type, P payload) {
        Jobs.setPayload(h, jobId, JobRunner.json(payload));
    }

    /** Hands committed rows of a type to its lane (a no-op before {@link #start}: the start queues them). */
    public void dispatch(JobType<?> type, Collection<Long> jobIds) {
        JobRunrLanes running = lanes;
        if (running == null) {
            return;
        }
        running.queue(type.lane(), jobIds);
    }

    private Lane laneOf(Job job) {
        JobRunner.Registered<?> registered = handlers.get(job.kind());
        if (registered == null) {
            throw new IllegalStateException("no handler is registered for " + job.kind() + " jobs");
        }
        return registered.type().lane();
    }

    private void requireHandler(JobType<?> type) {
        if (!handlers.containsKey(type.name())) {
            throw new IllegalStateException("no handler is registered for " + type.name() + " jobs");
        }
    }

    /** Asks a job to stop: a queued one is cancelled at once, a running one (on any host) at its next check. */
    public boolean cancel(long id) {
        Optional<Job> before = find(id);
        boolean asked = store.write(h -> Jobs.requestCancel(h, id));
        JobRunrLanes running = lanes;
        if (asked && running != null && before.isPresent() && before.get().state().equals("queued")
                && handlers.containsKey(before.get().kind())) {
            running.remove(laneOf(before.get()), id);
        }
        return asked;
    }

    /**
     * Where a job running in this process is, with the time left measured from its unit times; empty for a
     * job not running here (queued, finished, or run by another process).
     */
    public Optional<JobEstimate> estimate(long id) {
        StepClock clock = runner.clock(id);
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

    /** Runs every lane here (the single-host studio). */
    public void start() {
        start(EnumSet.allOf(Lane.class));
    }

    /**
     * Runs the given lanes on this host. Jobs this host was running when it died are queued again at once,
     * and every unfinished row is made sure to be queued. Idempotent.
     */
    public synchronized void start(Set<Lane> serve) {
        if (lanes != null) {
            return;
        }
        HostIdentity held = HostIdentity.hold(store.dataDir());
        JobRunrLanes made = null;
        try {
            boolean oneHost = !store.database().sharedByHosts();
            made = new JobRunrLanes(store.database().dataSource(), !oneHost, serve, held.id(), held.name(), runner);
            int resumed = made.requeueInterrupted(oneHost);
            lanes = made; // from here on, jobs submitted meanwhile are queued too (twice is harmless: ids are derived)
            int queued = 0;
            for (Job job : store.read(Jobs::unfinished)) {
                JobRunner.Registered<?> registered = handlers.get(job.kind());
                if (registered != null && made.reconcile(registered.type().lane(), job.id())) {
                    queued++;
                }
            }
            if (resumed + queued > 0) {
                LOG.info("{} interrupted job(s) resumed, {} unfinished job(s) queued", resumed, queued);
            }
            made.start();
            host = held;
        } catch (RuntimeException e) {
            lanes = null;
            try {
                if (made != null) {
                    made.close();
                }
                held.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** Whether this process runs the lane's jobs now. */
    public boolean serving(Lane lane) {
        JobRunrLanes running = lanes;
        return running != null && running.serving(lane);
    }

    /** Runs the queued jobs of these types on the calling thread until none is left, without JobRunr. */
    public void drain(JobType<?>... types) throws InterruptedException {
        List<String> kinds = Arrays.stream(types).map(JobType::name).toList();
        List<Long> queued;
        while (!(queued = store.read(h -> Jobs.queued(h, kinds))).isEmpty()) {
            for (long id : queued) {
                runner.execute(id);
            }
        }
    }

    /** Stops this host's job servers: running jobs stop at their next check and run again on the next start. */
    @Override
    public synchronized void close() throws IOException {
        closing = true;
        JobRunrLanes running = lanes;
        if (running != null) {
            running.close();
            host.close();
        }
    }
}
