package org.belladonna.archive;

import org.belladonna.jobs.JobContext;
import org.belladonna.jobs.JobHandler;
import org.belladonna.jobs.JobType;
import org.belladonna.jobs.Lane;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An uploaded ZIP imported in the background on the io lane. The upload waits under
 * {@code <data>/incoming/} until the job ends (a crash re-runs the job, and the import is idempotent), then
 * it is deleted. A refused import fails the job with the refusal as its error.
 */
final class ImportJob implements JobHandler<ImportJob.Payload> {

    /** The saved upload and where its images go (an experiment by id, or by name, or as the archive says). */
    record Payload(String file, String originalName, Long experimentId, String name, String concept) {
    }

    /** What a finished job shows: the summary line and a link to the experiment. */
    record Result(String message, String href) {
    }

    static final JobType<Payload> TYPE = JobType.of("import", Lane.IO, Payload.class,
            Importer.CHECKING, 0.75, Importer.STORING, 0.2, Importer.SAVING, 0.05);

    private final Importer importer;
    private final Path incoming;

    ImportJob(Importer importer, Path incoming) {
        this.importer = importer;
        this.incoming = incoming;
    }

    @Override
    public Result run(Payload p, JobContext context) throws Exception {
        Path file = Path.of(p.file());
        if (!file.toAbsolutePath().normalize().startsWith(incoming.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("the upload is not under " + incoming);
        }
        String fallbackName = (p.originalName() == null ? "upload" : p.originalName()).replaceFirst("(?i)\\.zip$", "");
        Importer.Target target = p.experimentId() != null ? Importer.Target.byId(p.experimentId())
                : p.name() != null ? Importer.Target.byName(p.name())
                : Importer.Target.fromSource();
        if (p.concept() != null) {
            target = target.withConcept(p.concept());
        }
        try {
            ImportSummary summary = importer.run(file, target, fallbackName, context);
            return new Result(summary.message(), "/experiments/" + summary.experimentId());
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
