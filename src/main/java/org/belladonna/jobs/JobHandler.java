package org.belladonna.jobs;

import org.belladonna.store.Records.Job;

/**
 * Does one kind of job. Handlers must be idempotent: a job interrupted by a crash runs again from the
 * start after a restart, so a handler checks what an earlier attempt already stored before storing it again.
 */
@FunctionalInterface
public interface JobHandler {
    /** Runs the job and returns its result as JSON (stored on the job row). */
    String run(Job job, JobContext context) throws Exception;
}
