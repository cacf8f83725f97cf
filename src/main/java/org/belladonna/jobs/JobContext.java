package org.belladonna.jobs;

import org.belladonna.progress.Cancelled;
import org.belladonna.progress.Progress;
import org.belladonna.store.Jobs;
import org.belladonna.store.Store;

import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * A running job's {@link Progress}: each update becomes the job's progress row (its phase's place among
 * the job type's phases gives the fraction), and {@link #checkCancelled()} notices a cancel request.
 * Both touch the database at most every {@link #INTERVAL_MS} ms, so a handler can call them on every step.
 */
public final class JobContext implements Progress {
    static final long INTERVAL_MS = 250;

    private final Store store;
    private final long jobId;
    private final JobType<?> type;
    private long lastProgress;
    private long lastCancelCheck;
    private boolean cancelled;
    private double fraction;
    private final StepClock clock;
    private final BooleanSupplier stopping;

    JobContext(Store store, long jobId, JobType<?> type) {
        this(store, jobId, type, new StepClock(type), () -> false);
    }

    JobContext(Store store, long jobId, JobType<?> type, StepClock clock, BooleanSupplier stopping) {
        this.store = store;
        this.jobId = jobId;
        this.type = type;
        this.clock = clock;
        this.stopping = stopping;
    }

    public long jobId() {
        return jobId;
    }

    @Override
    public void update(String phase, long done, long total, String detail) {
        clock.update(phase, done, total, detail, System.nanoTime());
        double before = type.shareBefore(phase);
        if (before >= 0) {
            double within = total > 0 ? Math.min(1, (double) done / total) : 0;
            fraction = Math.max(fraction, before + type.share(phase) * within);
        }
        long now = System.currentTimeMillis();
        boolean phaseEnd = total > 0 && done >= total;
        if (now - lastProgress >= INTERVAL_MS || phaseEnd) {
            lastProgress = now;
            String message = message(phase, done, total, detail);
            double f = fraction;
            store.write(h -> {
                Jobs.progress(h, jobId, f, message);
                return null;
            });
        }
    }

    static String message(String phase, long done, long total, String detail) {
        StringBuilder m = new StringBuilder(phase);
        if (total > 0) {
            m.append(String.format(Locale.ROOT, " %d of %d", done, total));
        }
        if (detail != null && !detail.isEmpty()) {
            m.append(" · ").append(detail);
        }
        return m.toString();
    }

    /** Whether someone asked this job to stop (checked against the database at most every 250 ms). */
    public boolean isCancelled() {
        long now = System.currentTimeMillis();
        if (!cancelled && now - lastCancelCheck >= INTERVAL_MS) {
            lastCancelCheck = now;
            cancelled = store.read(h -> Jobs.cancelRequested(h, jobId));
        }
        return cancelled;
    }

    @Override
    public void checkCancelled() {
        if (stopping.getAsBoolean()) {
            throw new ServerStopping();
        }
        if (isCancelled()) {
            throw new Cancelled();
        }
    }
}
