package org.belladonna.jobs;

/**
 * Does one kind of job. Handlers must be idempotent: a job interrupted by a crash runs again from the
 * start after a restart, so a handler checks what an earlier attempt already stored before storing it again.
 *
 * @param <P> the job type's payload record
 */
@FunctionalInterface
public interface JobHandler<P> {
    /**
     * Runs the job. Report progress and notice cancellation through {@code context} (a
     * {@link org.belladonna.progress.Progress}).
     *
     * @return the result (a record or map, stored as JSON on the job row), or null
     */
    Object run(P payload, JobContext context) throws Exception;

    /**
     * Bytes this job will need at its peak, or 0 for light work. The queue reserves them from the
     * {@link org.belladonna.memory.MemoryBudget} before {@link #run}, so a job waits (or is refused with the
     * numbers) rather than pushing the machine out of memory.
     */
    default long memoryEstimate(P payload) throws Exception {
        return 0;
    }
}
