package org.belladonna.scores;

import org.belladonna.jobs.JobContext;
import org.belladonna.jobs.JobHandler;
import org.belladonna.jobs.JobType;
import org.belladonna.jobs.Lane;

/**
 * The background {@code score} job: one experiment scored by {@link ScoringService} on the device lane,
 * so it never shares the accelerator with a protection. Re-running it is safe (scores are upserted per
 * image and model), which is what the queue asks of a job that may restart after a crash.
 */
final class ScoreJob implements JobHandler<ScoreJob.Payload> {
    static final String LOADING = "loading the NIMA weights";

    /** The job's payload. */
    record Payload(long experimentId, String modelId, int batchSize) {
    }

    /** What a finished job stored. */
    record Result(int scored, int total, String modelVersion) {
    }

    static final JobType<Payload> TYPE = JobType.of("score", Lane.DEVICE, Payload.class,
            LOADING, 0.05, ScoringService.SCORING, 0.95);

    private final ScoringService scoring;

    ScoreJob(ScoringService scoring) {
        this.scoring = scoring;
    }

    @Override
    public Result run(Payload payload, JobContext context) throws Exception {
        context.update(LOADING, 0, 1);
        ScoringService.Run run = scoring.scoreExperiment(payload.experimentId(), payload.modelId(),
                payload.batchSize(), context);
        return new Result(run.scored(), run.total(), run.modelVersion());
    }
}
