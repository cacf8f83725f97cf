package org.belladonna.jobs;

import org.belladonna.store.Jobs;
import org.belladonna.store.Store;

/**
 * What a running job may do besides its work: report progress and notice cancellation. Both touch the
 * database at most every {@link #INTERVAL_MS} ms, so a handler can call them on every step.
 */
public final class JobContext {
    static final long INTERVAL_MS = 250;

    private final Store store;
    private final long jobId;
    private long lastProgress;
    private long lastCancelCheck;
    private boolean cancelled;

    JobContext(Store store, long jobId) {
        this.store = store;
        this.jobId = jobId;
    }

    public long jobId() {
        return jobId;
    }

    public void progress(double fraction, String message) {
        long now = System.currentTimeMillis();
        if (now - lastProgress >= INTERVAL_MS || fraction >= 1) {
            lastProgress = now;
            store.write(h -> {
                Jobs.progress(h, jobId, fraction, message);
                return null;
            });
        }
    }

    public boolean isCancelled() {
        long now = System.currentTimeMillis();
        if (!cancelled && now - lastCancelCheck >= INTERVAL_MS) {
            lastCancelCheck = now;
            cancelled = store.read(h -> Jobs.cancelRequested(h, jobId));
        }
        return cancelled;
    }

    public void checkCancelled() {
        if (isCancelled()) {
            throw new JobCancelledException();
        }
    }
}
