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
import org.belladonna.jobs.BackgroundJobs;
import org.belladonna.models.ModelMissingException;
import org.belladonna.models.ModelRegistry;
import org.belladonna.store.DerivedImages;
import org.belladonna.store.Protections;
import org.belladonna.store.Records.Protection;
import org.belladonna.store.Store;
import org.belladonna.artworks.SeenImages;
import org.belladonna.memory.MemoryBudget;
import org.belladonna.models.ModelRegistry;
import org.belladonna.protect.Effort;
import org.belladonna.protect.Ensemble;
import org.belladonna.protect.Protector;
import org.belladonna.vae.Family;

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
    private final BackgroundJobs jobs;
    private final ConceptLibrary concepts;
    private final ModelRegistry models;

    /** Uploads made together: their batch id (for the ZIP) and their protections, in upload order. */
    public record Submission(String batch, List<Long> protectionIds) {
    }

    /** Registers the protection job's handler with the queue. */
    public ProtectionService(Store store, BackgroundJobs jobs, ConceptLibrary concepts, ModelRegistry models) {
        this.store = store;
        this.jobs = jobs;
        this.concepts = concepts;
        this.models = models;
        jobs.register(ProtectionJob.TYPE, new ProtectionJob(store, concepts, models));
    }

    /**
     * Why protection cannot run here (no surrogate encoder installed, or a chosen family missing, with the
     * command that fixes it), or empty.
     */
    public Optional<String> missingModels() {
        try {
            if (Ensemble.installedFamilies(models).isEmpty()) {
                return Optional.of("no surrogate encoder is installed; install the default (TAEF2) with: "
                        + models.status(Family.TAEF2.encoderId()).installCommand());
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot read the models folder " + models.dir() + ": " + e.getMessage());
        }
    }

    /** The families a user can choose here (installed encoders), each with its share of a protection's time. */
    public List<FamilyChoice> familyChoices(ProtectionSettings settings) throws IOException {
        List<FamilyChoice> choices = new ArrayList<>();
        for (Family f : Family.values()) {
            boolean installed = models.status(f.encoderId()).status() == ModelRegistry.Status.INSTALLED;
            choices.add(new FamilyChoice(f.id(), f.displayName(), f.generators(), installed,
                    installed ? null : models.status(f.encoderId()).installCommand(), Protector.relativeCost(f)));
        }
        return choices;
    }

    /**
     * Seconds one TAEF2-sized family adds to a default protection of a 512 px image on this machine,
     * measured from the most recent protection here; empty before the first one (or when none was timed).
     */
    public Optional<Double> secondsPerFamily() {
        for (Protection p : recent(20)) {
            Optional<ProtectionReport> r = report(p);
            if (r.isEmpty() || r.get().families().isEmpty() || r.get().steps() == 0) {
                continue;
            }
            double units = r.get().families().stream().filter(ProtectionReport.FamilyCoverage::optimised)
                    .mapToDouble(f -> Protector.relativeCost(Family.byId(f.family()))).sum();
            double pixels = (double) r.get().workingWidth() * r.get().workingHeight() / (512.0 * 512.0);
            if (units > 0 && pixels > 0) {
                double perStep = r.get().protectSeconds() / r.get().steps() / units / pixels;
                return Optional.of(perStep * Effort.DEFAULT.steps());
            }
        }
        return Optional.empty();
    }

    /**
     * A family as the protect form offers it.
     *
     * @param relativeCost its optimisation time relative to TAEF2's (1.0), from the networks' operation counts
     */
    public record FamilyChoice(String id, String name, String generators, boolean installed, String installCommand,
                               double relativeCost) {
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
            throws IOException, BadImageException {
        Optional<String> missing = missingModels();
        if (missing.isPresent()) {
            throw new ModelMissingException(Family.TAEF2.encoderId(), missing.get());
        }
        List<Family> installed = Ensemble.installedFamilies(models);
        for (Family f : settings.familiesOr(installed)) {
            if (!installed.contains(f)) {
                throw new ModelMissingException(f.encoderId(), "the " + f.displayName() + " encoder (" + f.generators()
                        + ") is not installed; install it with: " + models.status(f.encoderId()).installCommand());
            }
        }
        if (uploads.isEmpty()) {
            throw new IllegalArgumentException("Choose at least one image to protect.");
        }
        if (concepts.find(conceptId).isEmpty()) {
            throw new IllegalArgumentException("There is no concept " + conceptId + "; choose one from the list.");
        }
        ImageIntake intake = new ImageIntake(store, new ImageDecoder(settings.maxPixels(), ProtectionSettings.MIN_SIDE));
        List<StoredImage> stored = intake.acceptAll(uploads);
        for (int i = 0; i < stored.size(); i++) {
            StoredImage s = stored.get(i);
            long need = Protector.estimateBytes(s.width(), s.height(), settings, settings.familiesOr(installed), installed);
            try {
                jobs.memory().checkFits(uploads.get(i).name() + " (" + s.width() + "x" + s.height() + ")", need);
            } catch (MemoryBudget.Refused e) {
                throw new IllegalArgumentException(e.getMessage() + " A smaller working size or fewer model families need less.");
            }
        }
        String batch = newBatchId();
        String settingsJson = json(settings);
        List<Long> jobIds = new ArrayList<>();
        List<Long> ids = store.write(h -> {
            List<Long> created = new ArrayList<>();
            for (int i = 0; i < stored.size(); i++) {
                ImageIntake.register(h, stored.get(i));
                // The job names its protection, which names its job: reserve the job, then point it back.
                long jobId = jobs.reserve(h, ProtectionJob.TYPE);
                jobIds.add(jobId);
                long id = Protections.insert(h, jobId, batch, stored.get(i).hash(), uploads.get(i).name(), conceptId,
                        settingsJson);
                jobs.setPayload(h, jobId, ProtectionJob.TYPE, new ProtectionJob.Payload(id));
                created.add(id);
            }
            return created;
        });
        jobs.dispatch(ProtectionJob.TYPE, jobIds);
        return new Submission(batch, ids);
    }

    public Optional<Protection> find(long id) {
        return store.read(h -> Protections.find(h, id));
    }

    public Optional<Protection> forJob(long jobId) {
        return store.read(h -> Protections.forJob(h, jobId));
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

    /** What one family sees of the original, the protected image and the target anchor: image hashes, null where not stored. */
    public record SeenViews(String family, String name, String original, String protectedImage, String target) {
    }

    /** Each measured family's views, in the report's order; empty before the job finished. */
    public List<SeenViews> seen(Protection p) {
        Optional<ProtectionReport> report = report(p);
        if (report.isEmpty()) {
            return List.of();
        }
        List<String> anchors = p.conceptId() == null ? List.of()
                : concepts.find(p.conceptId()).map(ConceptLibrary.Entry::anchors).orElse(List.of());
        int anchor = report.get().anchorIndex();
        List<ProtectionReport.FamilyCoverage> families = report.get().families().isEmpty()
                ? List.of(new ProtectionReport.FamilyCoverage(Family.TAEF2.id(), Family.TAEF2.displayName(),
                        Family.TAEF2.generators(), true, 0, 0, 0, 0, List.of()))   // reports made before families existed
                : report.get().families();
        return store.read(h -> families.stream().map(f -> {
            String kind = SeenImages.kind(f.family());
            return new SeenViews(f.family(), f.name(),
                    DerivedImages.find(h, p.sourceHash(), kind).orElse(null),
                    DerivedImages.find(h, p.outputHash(), kind).orElse(null),
                    anchor < anchors.size() ? DerivedImages.find(h, anchors.get(anchor), kind).orElse(null) : null);
        }).filter(v -> v.original() != null || v.protectedImage() != null).toList());
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
