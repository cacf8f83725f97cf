package org.belladonna.jobs;

import org.jobrunr.jobs.lambdas.JobRequest;

/**
 * The one job JobRunr knows: "run row {@code jobId} of the job table". Kind, payload, progress and state
 * stay on our row; JobRunr persists only this record's and its handler's class names, so moving a
 * feature's classes never strands a job that is queued during an upgrade.
 */
public record RunJob(long jobId) implements JobRequest {
    @Override
    public Class<JobRunner> getJobRequestHandler() {
        return JobRunner.class;
    }
}
