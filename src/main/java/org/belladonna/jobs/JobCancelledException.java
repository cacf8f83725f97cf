package org.belladonna.jobs;

/** Thrown by {@link JobContext#checkCancelled()} when someone asked the running job to stop. */
public final class JobCancelledException extends RuntimeException {
    public JobCancelledException() {
        super("cancelled");
    }
}
