package org.belladonna.scores;

import org.belladonna.nima.InstalledNima;
import org.belladonna.nima.NimaScorer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.belladonna.jobs.JobContext;
import org.belladonna.jobs.JobQueue;
import org.belladonna.store.Jobs;
import org.belladonna.store.Records.Job;
import org.belladonna.store.Store;

import java.util.Map;
import java.util.Optional;

/**
 * The background {@code score} job: one experiment scored by {@link ScoringService} on the "device" lane,
 * so it never shares the accelerator with a protection. Re-running it is safe (scores are upserted per
 * image and model), which is what the queue asks of a job that may restart after a crash.
 */
public final class ScoreJob {
    public static final String KIND = "score";
    public static final String LANE = "device";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The job's payload. */
    public record Payload(long experimentId, String modelId, int batchSize) {
    }

    private final Store store;
    private final JobQueue jobs;
    private final ScoringService scoring;

    /** Registers the job's handler with the queue (before the queue starts). */
    public ScoreJob(Store store, JobQueue jobs, ScoringService scoring) {
        this.store = store;
        this.jobs = jobs;
        this.scoring = scoring;
        jobs.register(KIND, LANE, this::run);
    }

    /** Queues a scoring of the experiment unless one is already queued or running; returns that job's id. */
    public long submit(long experimentId) throws JsonProcessingException {
        Optional<Job> active = latest(experimentId).filter(j -> !j.finished());
        if (active.isPresent()) {
            return active.get().id();
        }
        return jobs.submit(KIND, JSON.writeValueAsString(
                new Payload(experimentId, InstalledNima.MODEL_ID, NimaScorer.DEFAULT_BATCH_SIZE)));
    }

    /** The experiment's most recent score job, finished or not. */
    public Optional<Job> latest(long experimentId) {
        return store.read(h -> Jobs.latestFor(h, KIND, "experimentId", experimentId));
    }

    String run(Job job, JobContext context) throws Exception {
        Payload payload = JSON.readValue(job.payload(), Payload.class);
        context.progress(0, "loading the NIMA weights");
        ScoringService.Run run = scoring.scoreExperiment(payload.experimentId(), payload.modelId(), payload.batchSize(),
                (done, total) -> {
                    context.progress((double) done / total, "scored " + done + " of " + total);
                    context.checkCancelled();
                });
        return JSON.writeValueAsString(Map.of("scored", run.scored(), "total", run.total(),
                "modelVersion", run.modelVersion()));
    }
}
