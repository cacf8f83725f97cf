package org.belladonna.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.belladonna.jobs.JobContext;
import org.belladonna.jobs.JobHandler;
import org.belladonna.store.Records.Job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * An uploaded ZIP imported in the background on the "io" lane. The upload waits under
 * {@code <data>/incoming/} until the job ends (a crash re-runs the job, and the import is idempotent), then
 * it is deleted. A refused import fails the job with the refusal as its error.
 */
public final class ImportJob implements JobHandler {
    public static final String KIND = "import";
    public static final String LANE = "io";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Importer importer;
    private final Path incoming;

    public ImportJob(Importer importer, Path dataDir) {
        this.importer = importer;
        this.incoming = dataDir.resolve("incoming");
    }

    /** Where an upload is saved before its job is queued. */
    public Path newUpload() throws IOException {
        Files.createDirectories(incoming);
        return Files.createTempFile(incoming, "upload-", ".zip");
    }

    public static String payload(Path upload, String originalName, Long experimentId, String name, String concept) {
        var node = JSON.createObjectNode().put("file", upload.toString()).put("originalName", originalName);
        if (experimentId != null) {
            node.put("experimentId", experimentId);
        }
        if (name != null) {
            node.put("name", name);
        }
        if (concept != null) {
            node.put("concept", concept);
        }
        return node.toString();
    }

    @Override
    public String run(Job job, JobContext context) throws Exception {
        JsonNode p = JSON.readTree(job.payload());
        Path file = Path.of(p.path("file").asText());
        if (!file.toAbsolutePath().normalize().startsWith(incoming.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("the upload is not under " + incoming);
        }
        String fallbackName = p.path("originalName").asText("upload").replaceFirst("(?i)\\.zip$", "");
        Importer.Target target = p.hasNonNull("experimentId") ? Importer.Target.byId(p.get("experimentId").asLong())
                : p.hasNonNull("name") ? Importer.Target.byName(p.get("name").asText())
                : new Importer.Target(null, null, null);
        if (p.hasNonNull("concept")) {
            target = target.withConcept(p.get("concept").asText());
        }
        try {
            ImportSummary summary = importer.run(file, target, fallbackName, (phase, done, total) -> {
                context.checkCancelled();
                context.progress(fraction(phase, done, total), phase + " " + done + " of " + total);
            });
            return JSON.writeValueAsString(Map.of("message", summary.message(),
                    "href", "/experiments/" + summary.experimentId()));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Checking (decoding) is most of the work, storing the rest; saving the rows is quick. */
    private static double fraction(String phase, long done, long total) {
        double f = total == 0 ? 1 : (double) done / total;
        return switch (phase) {
            case "checking" -> 0.75 * f;
            case "storing" -> 0.75 + 0.2 * f;
            default -> 0.95 + 0.05 * f;
        };
    }
}
