package org.belladonna.artworks;

import org.belladonna.images.ImageDecoder;
import org.belladonna.jobs.JobContext;
import org.belladonna.jobs.JobHandler;
import org.belladonna.jobs.JobType;
import org.belladonna.jobs.Lane;
import org.belladonna.models.ModelRegistry;
import org.belladonna.protect.Ensemble;
import org.belladonna.protect.ProtectionResult;
import org.belladonna.protect.ProtectionSettings;
import org.belladonna.protect.Protector;
import org.belladonna.store.DerivedImages;
import org.belladonna.store.ImageIntake;
import org.belladonna.store.ImageIntake.StoredImage;
import org.belladonna.store.ImageFiles;
import org.belladonna.store.Protections;
import org.belladonna.store.Records.ImageFile;
import org.belladonna.vae.Family;
import org.belladonna.vae.NativeMemory;
import org.belladonna.store.Records.Protection;
import org.belladonna.store.Store;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one protection: loads the artwork and the concept's anchors, runs the engine against the chosen
 * surrogate families with progress and cancellation, then stores the protected image, each family's
 * model's-eye views and the report in one transaction (the views as {@code derived_image} rows of kind
 * {@code seen:<family>}, shared with the Images page). Reserves the engine's memory estimate first. Idempotent: a run after a crash finds an output already recorded and stores nothing new.
 */
final class ProtectionJob implements JobHandler<ProtectionJob.Payload> {
    static final String LOADING = "loading models";
    static final String STORING = "storing";

    /** The protection row this job works on. */
    record Payload(long protection) {
    }

    /** What a finished job names: the protection and its output's hash. */
    record Result(long protection, String output) {
    }

    static final JobType<Payload> TYPE = JobType.of("protect", Lane.DEVICE, Payload.class,
            LOADING, 0.03, Protector.OPTIMISING, 0.87, Protector.VERIFYING, 0.08, STORING, 0.02);

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

    /** One family's stored views: derived-image kind and the three files. */
    private record StoredViews(String kind, StoredImage original, StoredImage protectedImage, StoredImage target) {
    }

    /** The engine's estimate for this protection's artwork, settings and families (see {@link Protector#estimateBytes}). */
    @Override
    public long memoryEstimate(Payload payload) throws Exception {
        Protection protection = store.read(h -> Protections.find(h, payload.protection())).orElse(null);
        if (protection == null || protection.protectedYet()) {
            return 0;
        }
        ProtectionSettings settings = ProtectionService.settings(protection);
        ImageFile file = store.read(h -> ImageFiles.find(h, protection.sourceHash())).orElseThrow();
        List<Family> families = settings.familiesOr(Ensemble.installedFamilies(models));
        return Protector.estimateBytes(file.width(), file.height(), settings, families, Ensemble.installedFamilies(models));
    }

    @Override
    public Result run(Payload payload, JobContext context) throws Exception {
        Protection protection = store.read(h -> Protections.find(h, payload.protection()))
                .orElseThrow(() -> new IllegalStateException("job " + context.jobId() + " names no protection " + payload.protection()));
        if (protection.protectedYet()) {
            return new Result(protection.id(), protection.outputHash());
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
        List<Family> families = settings.familiesOr(Ensemble.installedFamilies(models));
        context.update(LOADING, 0, 1, String.join(", ", families.stream().map(Family::displayName).toList())
                + (families.size() == 1 ? " surrogate" : " surrogates") + " (can take a minute on a first run)");

        long start = System.nanoTime();
        ProtectionResult result;
        try (Protector protector = Protector.open(models, families, settings.views())) {
            context.update(LOADING, 1, 1);
            result = protector.protect(artwork, concept.concept().slug(), anchors, settings, context);
        } finally {
            NativeMemory.trim();   // give the job's native memory back: a server idles at its last job's peak otherwise
        }
        long wallMs = (System.nanoTime() - start) / 1_000_000;
        context.update(STORING, 0, 1, "the protected image and its report");
        return store(protection, concept, result, wallMs);
    }

    private Result store(Protection protection, ConceptLibrary.Entry concept, ProtectionResult result, long wallMs)
            throws Exception {
        // Files first (content-addressed, so a repeat writes nothing new), then every row in one transaction.
        StoredImage output = intake.accept(ConceptLibrary.png(result.image()));
        List<StoredViews> views = new ArrayList<>();
        for (ProtectionResult.Views v : result.views()) {
            views.add(new StoredViews(SeenImages.kind(v.family()), intake.accept(ConceptLibrary.png(v.original())),
                    intake.accept(ConceptLibrary.png(v.protectedImage())), intake.accept(ConceptLibrary.png(v.target()))));
        }
        String anchor = concept.anchors().get(result.report().anchorIndex());
        String reportJson = ProtectionService.json(result.report());
        String outputHash = store.write(h -> {
            ImageIntake.register(h, output);
            for (StoredViews v : views) {
                ImageIntake.register(h, v.original());
                ImageIntake.register(h, v.protectedImage());
                ImageIntake.register(h, v.target());
            }
            if (!Protections.complete(h, protection.id(), output.hash(), reportJson, result.report().device(), wallMs)) {
                // An earlier attempt got there first; keep its result.
                return Protections.find(h, protection.id()).orElseThrow().outputHash();
            }
            for (StoredViews v : views) {
                DerivedImages.put(h, protection.sourceHash(), v.kind(), v.original().hash());
                DerivedImages.put(h, output.hash(), v.kind(), v.protectedImage().hash());
                DerivedImages.put(h, anchor, v.kind(), v.target().hash());
            }
            return output.hash();
        });
        return new Result(protection.id(), outputHash);
    }
}
