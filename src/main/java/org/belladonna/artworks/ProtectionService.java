package org.belladonna.artworks;

import org.belladonna.protect.ProtectionReport;
import org.belladonna.protect.ProtectionSettings;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.belladonna.images.BadImageException;
import org.belladonna.images.ImageDecoder;
import org.belladonna.store.ImageIntake;
import org.belladonna.store.ImageIntake.StoredImage;
import org.belladonna.images.Upload;
import org.belladonna.jobs.JobQueue;
import org.belladonna.models.ModelMissingException;
import org.belladonna.models.ModelRegistry;
import org.belladonna.store.DerivedImages;
import org.belladonna.store.Protections;
import org.belladonna.store.Records.Protection;
import org.belladonna.store.Store;
import org.belladonna.artworks.SeenImages;
import org.belladonna.vae.Taef2;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Protecting artwork as background work, for the web and the CLI alike: {@link #submit} checks and
 * stores the uploads and queues one {@code protect} job per image; {@link ProtectionJob} does the work.
 */
public final class ProtectionService {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Store store;
    private final JobQueue jobs;
    private final ConceptLibrary concepts;
    private final ModelRegistry models;

    /** Uploads made together: their batch id (for the ZIP) and their protections, in upload order. */
    public record Submission(String batch, List<Long> protectionIds) {
    }

    /** Registers the protection job's handler with the queue. */
    public ProtectionService(Store store, JobQueue jobs, ConceptLibrary concepts, ModelRegistry models) {
        this.store = store;
        this.jobs = jobs;
        this.concepts = concepts;
        this.models = models;
        jobs.register(ProtectionJob.TYPE, new ProtectionJob(store, concepts, models));
    }

    /** Why protection cannot run here (TAEF2 weights missing or damaged, with the command that fixes it), or empty. */
    public Optional<String> missingModels() {
        List<String> problems = new ArrayList<>();
        for (String id : List.of(Taef2.ENCODER_ID, Taef2.DECODER_ID)) {
            try {
                models.path(id);
            } catch (ModelMissingException e) {
                problems.add(e.getMessage());
            } catch (IOException e) {
                problems.add("cannot read model " + id + ": " + e.getMessage());
            }
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }

    /**
     * Checks every upload (a real image, within the engine's size limits) before storing any, then writes
     * each protection row with its job in one transaction.
     *
     * @throws ModelMissingException    if the TAEF2 weights are not installed (nothing is stored)
     * @throws BadImageException        if any upload is unusable (nothing is stored)
     * @throws IllegalArgumentException for no uploads or an unknown concept
     */
    public Submission submit(List<Upload> uploads, long conceptId, ProtectionSettings settings)
            throws ModelMissingException, BadImageException {
        Optional<String> missing = missingModels();
        if (missing.isPresent()) {
            throw new ModelMissingException(Taef2.ENCODER_ID, missing.get());
        }
        if (uploads.isEmpty()) {
            throw new IllegalArgumentException("Choose at least one image to protect.");
        }
        if (concepts.find(conceptId).isEmpty()) {
            throw new IllegalArgumentException("There is no concept " + conceptId + "; choose one from the list.");
        }
        ImageIntake intake = new ImageIntake(store, new ImageDecoder(settings.maxPixels(), ProtectionSettings.MIN_SIDE));
        List<StoredImage> stored = intake.acceptAll(uploads);
        String batch = newBatchId();
        String settingsJson = json(settings);
        List<Long> ids = store.write(h -> {
            List<Long> created = new ArrayList<>();
            for (int i = 0; i < stored.size(); i++) {
                ImageIntake.register(h, stored.get(i));
                // The job names its protection, which names its job: reserve the job, then point it back.
                long jobId = jobs.reserve(h, ProtectionJob.TYPE);
                long id = Protections.insert(h, jobId, batch, stored.get(i).hash(), uploads.get(i).name(), conceptId,
                        settingsJson);
                jobs.setPayload(h, jobId, ProtectionJob.TYPE, new ProtectionJob.Payload(id));
                created.add(id);
            }
            return created;
        });
        jobs.wake(ProtectionJob.TYPE);
        return new Submission(batch, ids);
    }

    public Optional<Protection> find(long id) {
        return store.read(h -> Protections.find(h, id));
    }

    public List<Protection> recent(int limit) {
        return store.read(h -> Protections.recent(h, limit));
    }

    public List<Protection> batch(String batch) {
        return store.read(h -> Protections.batch(h, batch));
    }

    /** The stored report, or empty while the job has not finished. */
    public Optional<ProtectionReport> report(Protection p) {
        if (p.report() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(p.report(), ProtectionReport.class));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What TAEF2 sees of the original, the protected image and the target anchor: image hashes, null where not stored. */
    public record SeenViews(String original, String protectedImage, String target) {
    }

    public SeenViews seen(Protection p) {
        Optional<ProtectionReport> report = report(p);
        if (report.isEmpty()) {
            return new SeenViews(null, null, null);
        }
        List<String> anchors = p.conceptId() == null ? List.of()
                : concepts.find(p.conceptId()).map(ConceptLibrary.Entry::anchors).orElse(List.of());
        int anchor = report.get().anchorIndex();
        return store.read(h -> new SeenViews(
                DerivedImages.find(h, p.sourceHash(), SeenImages.KIND).orElse(null),
                DerivedImages.find(h, p.outputHash(), SeenImages.KIND).orElse(null),
                anchor < anchors.size() ? DerivedImages.find(h, anchors.get(anchor), SeenImages.KIND).orElse(null) : null));
    }

    /** The report as a downloadable JSON document, with what it was measured on. */
    public String exportJson(Protection p) {
        try {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("protection", p.id());
            doc.put("batch", p.batch());
            doc.put("sourceName", p.sourceName());
            doc.put("sourceSha256", p.sourceHash());
            doc.put("outputSha256", p.outputHash());
            doc.put("concept", p.conceptId() == null ? null
                    : concepts.find(p.conceptId()).map(e -> e.concept().slug()).orElse(null));
            doc.put("settings", JSON.readTree(p.settings()));
            doc.put("device", p.device());
            doc.put("wallMs", p.wallMs());
            doc.put("report", p.report() == null ? null : JSON.readTree(p.report()));
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ProtectionSettings settings(Protection p) {
        try {
            return JSON.readValue(p.settings(), ProtectionSettings.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Batch ids are random, so one person's batch address says nothing about another's. */
    public static boolean isBatchId(String s) {
        return s != null && s.matches("[0-9a-f]{16}");
    }

    private static String newBatchId() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
