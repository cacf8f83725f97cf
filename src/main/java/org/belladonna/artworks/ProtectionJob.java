package org.belladonna.artworks;

import org.belladonna.protect.Outcome;
import org.belladonna.protect.ProgressListener;
import org.belladonna.protect.ProtectionResult;
import org.belladonna.protect.ProtectionSettings;
import org.belladonna.protect.Protector;
import com.fasterxml.jackson.databind.JsonNode;
import org.belladonna.images.ImageDecoder;
import org.belladonna.store.ImageIntake;
import org.belladonna.store.ImageIntake.StoredImage;
import org.belladonna.jobs.JobCancelledException;
import org.belladonna.jobs.JobContext;
import org.belladonna.jobs.JobHandler;
import org.belladonna.models.ModelRegistry;
import org.belladonna.store.DerivedImages;
import org.belladonna.store.Protections;
import org.belladonna.store.Records.Job;
import org.belladonna.store.Records.Protection;
import org.belladonna.store.Store;
import org.belladonna.artworks.SeenImages;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs one protection: loads the artwork and the concept's anchors, runs the engine with progress and
 * cancellation, then stores the protected image, the model's-eye views and the report in one
 * transaction (the views as {@code derived_image} rows of kind {@link SeenImages#KIND}, shared with the
 * Images page). Idempotent: a run after a crash finds an output already recorded and stores nothing new.
 */
final class ProtectionJob implements JobHandler {

    private final Store store;
    private final ConceptLibrary concepts;
    private final ModelRegistry models;
    private final ImageIntake intake;

    ProtectionJob(Store store, ConceptLibrary concepts, ModelRegistry models) {
        this.store = store;
        this.concepts = concepts;
        this.models = models;
        this.intake = new ImageIntake(store);
    }

    @Override
    public String run(Job job, JobContext context) throws Exception {
        JsonNode payload = ProtectionService.JSON.readTree(job.payload());
        long id = payload.path("protection").asLong(-1);
        Protection protection = store.read(h -> Protections.find(h, id))
                .orElseThrow(() -> new IllegalStateException("job " + job.id() + " names no protection (" + job.payload() + ")"));
        if (protection.protectedYet()) {
            return result(protection.id(), protection.outputHash());
        }
        ConceptLibrary.Entry concept = protection.conceptId() == null ? null
                : concepts.find(protection.conceptId()).orElse(null);
        if (concept == null) {
            throw new IllegalStateException("the concept chosen for this protection was deleted");
        }
        ProtectionSettings settings = ProtectionService.settings(protection);
        BufferedImage artwork = new ImageDecoder(settings.maxPixels(), ProtectionSettings.MIN_SIDE)
                .decode(store.files().read(protection.sourceHash())).image();
        List<BufferedImage> anchors = concepts.anchorImages(concept);
        context.progress(0, "loading TAEF2");

        long start = System.nanoTime();
        Outcome outcome;
        try (Protector protector = Protector.withTaef2(models, true)) {
            outcome = protector.protect(artwork, concept.concept().slug(), anchors, settings,
                    new Progress(context), context::isCancelled);
        }
        if (outcome instanceof Outcome.Cancelled) {
            throw new JobCancelledException();
        }
        ProtectionResult result = ((Outcome.Done) outcome).results().get(0);
        long wallMs = (System.nanoTime() - start) / 1_000_000;
        context.progress(0.99, "storing the protected image");
        return store(protection, concept, result, wallMs);
    }

    private String store(Protection protection, ConceptLibrary.Entry concept, ProtectionResult result, long wallMs)
            throws Exception {
        // Files first (content-addressed, so a repeat writes nothing new), then every row in one transaction.
        StoredImage output = intake.accept(ConceptLibrary.png(result.image()));
        StoredImage seenOriginal = intake.accept(ConceptLibrary.png(result.originalSeenByModel()));
        StoredImage seenProtected = intake.accept(ConceptLibrary.png(result.protectedSeenByModel()));
        StoredImage seenTarget = intake.accept(ConceptLibrary.png(result.targetSeenByModel()));
        String anchor = concept.anchors().get(result.report().anchorIndex());
        String reportJson = ProtectionService.json(result.report());
        String outputHash = store.write(h -> {
            for (StoredImage image : List.of(output, seenOriginal, seenProtected, seenTarget)) {
                ImageIntake.register(h, image);
            }
            if (!Protections.complete(h, protection.id(), output.hash(), reportJson, result.report().device(), wallMs)) {
                // An earlier attempt got there first; keep its result.
                return Protections.find(h, protection.id()).orElseThrow().outputHash();
            }
            DerivedImages.put(h, protection.sourceHash(), SeenImages.KIND, seenOriginal.hash());
            DerivedImages.put(h, output.hash(), SeenImages.KIND, seenProtected.hash());
            DerivedImages.put(h, anchor, SeenImages.KIND, seenTarget.hash());
            return output.hash();
        });
        return result(protection.id(), outputHash);
    }

    private static String result(long protectionId, String outputHash) {
        return ProtectionService.json(Map.of("protection", protectionId, "output", outputHash));
    }

    /** Engine steps -> the job's progress row, e.g. "step 12/40 · distance 41.2 → 30.1". */
    private static final class Progress implements ProgressListener {
        private final JobContext context;
        private double first = Double.NaN;

        Progress(JobContext context) {
            this.context = context;
        }

        @Override
        public void onStep(int step, int total, double loss, double distance) {
            if (Double.isNaN(first)) {
                first = distance;
            }
            // The last few percent are verification and storing, reported separately.
            context.progress(0.95 * step / total, String.format(Locale.ROOT, "step %d/%d · distance %.3f → %.3f",
                    step, total, first, distance));
        }
    }
}
