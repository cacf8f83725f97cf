package org.belladonna.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.mappers.JobMapper;
import org.jobrunr.jobs.states.ProcessingState;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.jobrunr.server.BackgroundJobServer;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.server.JobActivator;
import org.jobrunr.storage.ConcurrentJobModificationException;
import org.jobrunr.storage.JobNotFoundException;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.StorageProviderUtils.DatabaseOptions;
import org.jobrunr.storage.sql.common.DefaultSqlStorageProvider;
import org.jobrunr.storage.sql.common.db.AnsiDialect;
import org.jobrunr.storage.sql.postgres.PostgresStorageProvider;
import org.jobrunr.utils.mapper.JsonMapper;
import org.jobrunr.utils.mapper.jackson.JacksonJsonMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.jobrunr.storage.Paging.AmountBasedList.ascOnUpdatedAt;

/**
 * The lanes on JobRunr. JobRunr's free edition has no queues, so each lane is its own set of JobRunr tables
 * (prefix {@code lane_device_}, {@code lane_io_}) in the studio's database, with its own background server on
 * the hosts that serve it; the server's worker count is the lane's concurrency per host. Every host can queue
 * into every lane. No dashboard is ever made: it exists only through {@code JobRunr.configure()}, not used here.
 */
final class JobRunrLanes implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobRunrLanes.class);
    /** JobRunr's smallest poll interval; a host that queues work wakes its own server at once (see {@link #queue}). */
    private static final Duration POLL = Duration.ofSeconds(5);

    private record LaneRoom(Lane lane, StorageProvider storage, JobRequestScheduler scheduler, BackgroundJobServer server) {
    }

    private final Map<Lane, LaneRoom> rooms = new EnumMap<>(Lane.class);
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "jobs-watchdog");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closing;

    /**
     * @param postgres whether the database is PostgreSQL (else SQLite)
     * @param serve    the lanes this host runs; the others are only queued into
     * @param host     this host's stable id: a restarted host finds the jobs it was running by it
     */
    JobRunrLanes(DataSource source, boolean postgres, Set<Lane> serve, UUID host, String hostName, JobRunner runner) {
        // A fresh ObjectMapper: JobRunr reconfigures the one it is given (mixins, field visibility, "@class"
        // typing), so it must never be the studio's own. No module discovery: the classpath cannot change it.
        JsonMapper json = new JacksonJsonMapper(new ObjectMapper(), false);
        JobActivator activator = new JobActivator() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> T activateJob(Class<T> type) {
                return type == JobRunner.class ? (T) runner : null;
            }
        };
        for (Lane lane : Lane.values()) {
            String prefix = "lane_" + lane.id() + "_";
            StorageProvider storage = postgres
                    ? new PostgresStorageProvider(source, prefix, DatabaseOptions.CREATE)
                    // JobRunr's SQLite provider refuses a table prefix; the generic one with the ANSI dialect is what it wraps.
                    : new DefaultSqlStorageProvider(source, new AnsiDialect(), prefix, DatabaseOptions.CREATE);
            storage.setJobMapper(new JobMapper(json));
            BackgroundJobServer server = !serve.contains(lane) ? null : new BackgroundJobServer(storage, json, activator,
                    BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration()
                            .andName(hostName + "/" + lane.id())
                            .andId(UUID.nameUUIDFromBytes((host + "/" + lane.id()).getBytes(StandardCharsets.UTF_8)))
                            .andPollInterval(POLL)
                            .andWorkerCount(lane.workersPerHost())
                            .andInterruptJobsAwaitDurationOnStopBackgroundJobServer(Duration.ofSeconds(2)));
            rooms.put(lane, new LaneRoom(lane, storage, new JobRequestScheduler(storage), server));
        }
    }

    /** JobRunr's id for a row: derived from it, so queueing a row twice is refused rather than run twice. */
    static UUID jobRunrId(long jobId) {
        return UUID.nameUUIDFromBytes(("belladonna-job:" + jobId).getBytes(StandardCharsets.UTF_8));
    }

    void start() {
        for (LaneRoom room : rooms.values()) {
            if (room.server() != null) {
                room.server().start();
            }
        }
        // JobRunr stops a server for good on its first failed heartbeat (the database locked past its busy
        // timeout, PostgreSQL restarted): start it again once the database answers.
        watchdog.scheduleWithFixedDelay(this::restartStopped, 5, 5, TimeUnit.SECONDS);
    }

    /** Under the lock, so a server is never started again once {@link #close} has begun. */
    private synchronized void restartStopped() {
        for (LaneRoom room : rooms.values()) {
            BackgroundJobServer server = room.server();
            if (server != null && !closing && !server.isRunning()) {
                try {
                    room.storage().getBackgroundJobServers();
                    LOG.warn("the {} lane's job server had stopped; starting it again", room.lane().id());
                    server.start();
                } catch (RuntimeException stillDown) {
                    LOG.warn("the {} lane's job server stopped and the database still fails: {}", room.lane().id(), stillDown.toString());
                }
            }
        }
    }

    /** Whether this host runs the lane's jobs, and its server is up. */
    boolean serving(Lane lane) {
        BackgroundJobServer server = rooms.get(lane).server();
        return server != null && server.isRunning();
    }

    /** Queues committed rows; wakes this host's server of the lane once, which otherwise looks only every 5 s. */
    void queue(Lane lane, Collection<Long> jobIds) {
        LaneRoom room = rooms.get(lane);
        for (long jobId : jobIds) {
            try {
                room.scheduler().enqueue(jobRunrId(jobId), new RunJob(jobId));
            } catch (ConcurrentJobModificationException alreadyQueued) {
                LOG.debug("job {} was queued already", jobId);
            }
        }
        if (serving(lane)) {
            try {
                // "A worker went busy, then idle": net zero on the count, and the idle signal looks for work now.
                room.server().getJobSteward().notifyThreadOccupied();
                room.server().getJobSteward().notifyThreadIdle();
            } catch (RuntimeException e) {
                LOG.debug("could not wake the {} lane; its next poll takes jobs {}", lane.id(), jobIds, e);
            }
        }
    }

    /** Takes a queued job out of JobRunr (cancelled before it started). */
    void remove(Lane lane, long jobId) {
        try {
            rooms.get(lane).scheduler().delete(jobRunrId(jobId), "cancelled");
        } catch (JobNotFoundException | ConcurrentJobModificationException | IllegalStateException e) {
            // started meanwhile (it sees the cancelled row and stops at once) or gone already
        }
    }

    /**
     * Queues again, at once, the jobs a dead server of ours was processing, instead of after JobRunr's orphan
     * timeout (poll interval x 4, 20 s at least). Run before this host's servers start.
     *
     * @param oneHost true on SQLite, where only this host serves the lanes and every processing job found is
     *                dead; otherwise only the jobs of this host's own (stable) server ids are
     */
    int requeueInterrupted(boolean oneHost) {
        int n = 0;
        for (LaneRoom room : rooms.values()) {
            if (room.server() == null) {
                continue;
            }
            for (Job job : room.storage().getJobList(StateName.PROCESSING, ascOnUpdatedAt(10_000))) {
                ProcessingState state = job.getJobState();
                if (oneHost || room.server().getId().equals(state.getServerId())) {
                    job.failed("interrupted: its server stopped", new IllegalStateException(state.getServerName() + " stopped"));
                    job.enqueue(); // PROCESSING -> ENQUEUED is not allowed; through FAILED it is
                    try {
                        room.storage().save(job);
                        n++;
                    } catch (ConcurrentJobModificationException raced) {
                        // another host's orphan check moved it first
                    }
                }
            }
        }
        return n;
    }

    /**
     * Makes sure an unfinished row has a live JobRunr job: queues rows that have none (a crash between our
     * commit and the queueing, or rows written before JobRunr), and again those whose JobRunr job ended while
     * the row did not (a process stopped under the job). Returns whether it queued the row.
     */
    boolean reconcile(Lane lane, long jobId) {
        LaneRoom room = rooms.get(lane);
        Job job;
        try {
            job = room.storage().getJobById(jobRunrId(jobId));
        } catch (JobNotFoundException missing) {
            queue(lane, List.of(jobId));
            return true;
        }
        StateName state = job.getState();
        if (state == StateName.SUCCEEDED || state == StateName.FAILED || state == StateName.DELETED) {
            job.enqueue();
            try {
                room.storage().save(job);
                return true;
            } catch (ConcurrentJobModificationException raced) {
                return false;
            }
        }
        return false;
    }

    @Override
    public void close() {
        synchronized (this) {
            closing = true;
        }
        watchdog.shutdownNow();
        for (LaneRoom room : rooms.values()) {
            if (room.server() != null) {
                room.server().stop();
            }
        }
        for (LaneRoom room : rooms.values()) {
            room.storage().close();
        }
    }
}
