package org.belladonna.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.belladonna.memory.MemoryBudget;
import org.belladonna.progress.Cancelled;
import org.belladonna.store.Jobs;
import org.belladonna.store.Records.Job;
import org.belladonna.store.Store;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * Runs one row of the job table, in a JobRunr worker or inline on the caller's thread. Everything a handler
 * does wrong ends the row (failed, cancelled) and returns normally, so JobRunr never retries bad input; only a
 * server stopping, or a host dying mid-job, reaches JobRunr, which then runs the job again.
 */
public final class JobRunner implements JobRequestHandler<RunJob> {
    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration MEMORY_WAIT = Duration.ofMinutes(30);

    /** Phase shown while a job waits for memory that other work holds. */
    public static final String WAITING_FOR_MEMORY = "waiting for memory";

    record Registered<P>(JobType<P> type, JobHandler<P> handler) {
        Object run(Job job, JobContext context, MemoryBudget memory) throws Exception {
            P payload = JSON.readValue(job.payload(), type.payload());
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

    private final Store store;
    private final Map<String, Registered<?>> handlers;
    private final MemoryBudget memory;
    private final BooleanSupplier stopping;
    /** The step clocks of the jobs running in this process, by job id. */
    private final Map<Long, StepClock> live = new ConcurrentHashMap<>();

    JobRunner(Store store, Map<String, Registered<?>> handlers, MemoryBudget memory, BooleanSupplier stopping) {
        this.store = store;
        this.handlers = handlers;
        this.memory = memory;
        this.stopping = stopping;
    }

    /** Called by JobRunr's worker. */
    @Override
    public void run(RunJob request) throws Exception {
        execute(request.jobId());
    }

    StepClock clock(long jobId) {
        return live.get(jobId);
    }

    /**
     * Runs a job to its end: done, failed or cancelled. A row that ended meanwhile is left alone. Throws
     * {@link ServerStopping} (the row stays running, and the job runs again) when this process stops under it.
     */
    void execute(long id) throws InterruptedException {
        Optional<Job> started = store.write(h -> Jobs.start(h, id));
        if (started.isEmpty()) {
            LOG.debug("job {} ended or was cancelled before it started", id);
            return;
        }
        Job job = started.get();
        Registered<?> registered = handlers.get(job.kind());
        if (registered == null) {
            end(id, h -> Jobs.fail(h, id, "this version of Belladonna has no handler for " + job.kind() + " jobs"));
            return;
        }
        StepClock clock = new StepClock(registered.type());
        live.put(id, clock);
        JobContext context = new JobContext(store, id, registered.type(), clock, stopping);
        try {
            String result = json(registered.run(job, context, memory));
            end(id, h -> Jobs.finish(h, id, result));
        } catch (MemoryBudget.Refused e) {
            end(id, h -> Jobs.fail(h, id, e.getMessage()));
        } catch (ServerStopping e) {
            LOG.info("job {} ({}) stopped with this process; it runs again on the next start or another host", id, job.kind());
            throw e;
        } catch (InterruptedException e) {
            // JobRunr interrupts a job another host has taken over, and its workers when it stops: the row stays
            // running for whoever runs the job next.
            Thread.currentThread().interrupt();
            throw e;
        } catch (Cancelled e) {
            end(id, h -> Jobs.markCancelled(h, id));
        } catch (Exception e) {
            if (e instanceof IOException) {
                // The machine or its input (no network, a missing model, a bad file): the message says what
                // to do, and the job's page shows it; a stack trace would only bury it in the log.
                LOG.warn("job {} ({}) failed: {}", id, job.kind(), e.getMessage());
                LOG.debug("job {} failed", id, e);
            } else {
                LOG.warn("job {} ({}) failed", id, job.kind(), e);
            }
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            end(id, h -> Jobs.fail(h, id, message));
        } finally {
            live.remove(id);
        }
    }

    private void end(long id, java.util.function.Consumer<org.jdbi.v3.core.Handle> write) {
        store.write(h -> {
            write.accept(h);
            return null;
        });
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
