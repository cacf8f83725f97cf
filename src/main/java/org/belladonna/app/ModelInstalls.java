package org.belladonna.app;

import org.belladonna.jobs.BackgroundJobs;
import org.belladonna.jobs.JobType;
import org.belladonna.jobs.Lane;
import org.belladonna.models.ModelRegistry;
import org.belladonna.models.ModelSource;
import org.belladonna.store.Records.Job;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Installing the default models in the background, as a job on the io lane: the server queues one on its
 * first start, and the home and models pages follow its progress row. The CLI's {@code models pull} calls
 * the registry directly instead, with a progress bar.
 */
public final class ModelInstalls {
    /** The models to install (manifest ids). */
    record Payload(List<String> ids) {
    }

    /** What was installed. */
    record Result(String message) {
    }

    static final JobType<Payload> TYPE = JobType.of("install-models", Lane.IO, Payload.class,
            ModelRegistry.DOWNLOADING, 1.0);

    private final ModelRegistry models;
    private final BackgroundJobs jobs;

    /** Registers the install job's handler with the queue; downloads come from {@code source}. */
    ModelInstalls(ModelRegistry models, BackgroundJobs jobs, ModelSource source) {
        this.models = models;
        this.jobs = jobs;
        jobs.register(TYPE, (payload, context) -> {
            List<String> fetched = models.pull(payload.ids(), source, context, false);
            return new Result(fetched.isEmpty() ? "all default models are installed" : "installed " + String.join(", ", fetched));
        });
    }

    /**
     * Queues the install of the default models that are missing, unless there are none or an install is
     * already queued or running; returns the job's id, if any.
     */
    public Optional<Long> installMissingDefaults() throws IOException {
        Optional<Job> active = latest().filter(j -> !j.finished());
        if (active.isPresent()) {
            return Optional.of(active.get().id());
        }
        List<String> missing = models.missingDefaults();
        return missing.isEmpty() ? Optional.empty() : Optional.of(jobs.submit(TYPE, new Payload(missing)));
    }

    /** The newest install job, whatever its state. */
    public Optional<Job> latest() {
        return jobs.latest(TYPE);
    }
}
