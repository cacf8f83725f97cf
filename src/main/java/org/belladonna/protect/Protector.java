package org.belladonna.protect;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import org.belladonna.models.Compute;
import org.belladonna.models.ModelRegistry;
import org.belladonna.progress.Progress;
import org.belladonna.vae.LatentDecoder;
import org.belladonna.vae.ModelsEye;
import org.belladonna.vae.Surrogate;
import org.belladonna.vae.Taef2;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The protection engine: artwork(s) + a target concept's anchors + settings -> protected image(s) at
 * their original resolution, each with a report measured on what is delivered.
 * <ol>
 * <li>Downscale the artwork to the working size (area filter, sides multiples of 8).</li>
 * <li>Pick the target latent from the anchors ({@link TargetBuilder}).</li>
 * <li>Run the recipe in the shared loop ({@link PgdLoop}); the loop already optimises through the
 *     mapping back to full size.</li>
 * <li>Deliver: upsample the perturbation bilinearly to the artwork's size, add it to the original
 *     pixels, quantise to 8 bits and clip to the budget ({@link Budget#apply}).</li>
 * <li>Verify: downscale the delivered image again, encode it, measure ({@link ProtectionReport}).</li>
 * </ol>
 * Not thread-safe per instance only in the sense that the encoder is shared: run one protection at a
 * time per encoder.
 */
public final class Protector implements AutoCloseable {
    /** Phase names this engine reports: the optimisation's steps, then the checks on the delivered image. */
    public static final String OPTIMISING = PgdLoop.PHASE;
    public static final String VERIFYING = "verifying robustness";

    private final LatentEncoder encoder;
    private final List<AutoCloseable> owned = new ArrayList<>();
    private final UnaryOperator<BufferedImage> modelsEye;
    private final Device device;
    private final String deviceName;

    /**
     * @param encoder   differentiable encoder whose weights live on {@code device}
     * @param modelsEye decoder(encoder(image)) for the report's views, or null for none
     */
    public Protector(LatentEncoder encoder, UnaryOperator<BufferedImage> modelsEye, Device device, String deviceName) {
        this.encoder = encoder;
        this.modelsEye = modelsEye;
        this.device = device;
        this.deviceName = deviceName;
    }

    /** On the device {@link Compute} chose. */
    public Protector(LatentEncoder encoder, UnaryOperator<BufferedImage> modelsEye) {
        this(encoder, modelsEye, Compute.get().device(), Compute.get().describe());
    }

    /**
     * The TAEF2 encoder from {@code registry} on the device {@link Compute} chose, with model's-eye views
     * when {@code views} (needs the decoder too). Close it to free the weights.
     *
     * @throws org.belladonna.models.ModelMissingException naming the install command
     */
    public static Protector withTaef2(ModelRegistry registry, boolean views) throws IOException {
        Surrogate surrogate = Taef2.encoder(registry);
        LatentDecoder decoder = null;
        try {
            if (views) {
                decoder = Taef2.decoder(registry);
            }
        } catch (IOException | RuntimeException e) {
            surrogate.close();
            throw e;
        }
        // One encoder serves both the optimisation and the views: its weights are loaded once.
        ModelsEye eye = decoder == null ? null : new ModelsEye(surrogate, decoder);
        Protector p = new Protector(surrogate::encode, eye == null ? null : eye::see);
        p.owned.add(surrogate);
        if (decoder != null) {
            p.owned.add(decoder);
        }
        return p;
    }

    @Override
    public void close() {
        for (AutoCloseable c : owned) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not release model weights", e);
            }
        }
        owned.clear();
    }

    /**
     * Protects one artwork. Reports {@value #OPTIMISING} steps, then {@value #VERIFYING} (the delivered
     * image re-encoded, and the robustness table's encoder passes) to {@code progress}, and stops with
     * {@link org.belladonna.progress.Cancelled} when it asks to.
     *
     * @throws IllegalArgumentException for an artwork the engine does not take, or no anchors
     */
    public ProtectionResult protect(BufferedImage artwork, String concept, List<BufferedImage> anchors,
                                    ProtectionSettings settings, Progress progress) {
        int fullW = artwork.getWidth();
        int fullH = artwork.getHeight();
        checkSize(fullW, fullH, settings);
        long start = System.nanoTime();
        WorkingGeometry geometry = WorkingGeometry.of(fullW, fullH, settings.workingSize());
        Recipe recipe = settings.recipe().create();
        Budget budget = settings.budget();
        int steps = settings.resolveSteps();
        int w = geometry.width();
        int h = geometry.height();

        try (NDManager nd = NDManager.newBaseManager(device)) {
            Planes full = Planes.of(artwork);
            Planes working = toWorking(full, geometry);
            TargetBuilder.Target target;
            try (NDArray latent = encoder.encode(TargetBuilder.toTensor(working, nd))) {
                target = TargetBuilder.nearest(anchors, w, h, encoder, latent, nd);
            }
            float[] share = recipe.budgetShare(working);
            if (share == null) {
                share = new float[h * w];
                java.util.Arrays.fill(share, 1f);
            }
            PgdLoop.Problem problem = new PgdLoop.Problem(
                    nd.create(working.chw(), new Shape(1, 3, h, w)),
                    geometry.isIdentity() ? null : nd.create(Resampling.multiply(geometry.downRows(), geometry.upRows())),
                    geometry.isIdentity() ? null : nd.create(Resampling.multiply(geometry.downCols(), geometry.upCols())),
                    target.latent(),
                    new Constraint(budget.fraction(), nd.create(share, new Shape(1, 1, h, w)), recipe.rmsRadius(settings.intensity())));
            float[] delta = PgdLoop.run(encoder, recipe, problem, steps, settings.seed(), progress).toFloatArray();
            double protectSeconds = (System.nanoTime() - start) / 1e9;

            long verifyStart = System.nanoTime();
            Planes deltaWorking = Planes.fromChw(delta, w, h);
            Planes deltaFull = geometry.isIdentity() ? deltaWorking : deltaWorking.resample(geometry.upRows(), geometry.upCols());
            BufferedImage delivered = budget.apply(artwork, deltaFull.rgb());
            return verify(artwork, delivered, full, working, target, geometry, recipe, concept, budget, steps,
                    settings, protectSeconds, verifyStart, progress);
        }
    }

    private ProtectionResult verify(BufferedImage original, BufferedImage delivered, Planes full, Planes working,
                                    TargetBuilder.Target target, WorkingGeometry geometry, Recipe recipe,
                                    String concept, Budget budget, int steps, ProtectionSettings settings,
                                    double protectSeconds, long verifyStart, Progress progress) {
        NDManager nd = target.latent().getManager();
        Planes deliveredFull = Planes.of(delivered);
        Planes deliveredWorking = toWorking(deliveredFull, geometry);
        double before;
        double after;
        double fromOriginal;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray zOriginal = encoder.encode(TargetBuilder.toTensor(working, nd));
            NDArray zProtected = encoder.encode(TargetBuilder.toTensor(deliveredWorking, nd));
            before = Distances.rms(zOriginal, target.latent());
            after = Distances.rms(zProtected, target.latent());
            fromOriginal = Distances.rms(zProtected, zOriginal);
        }
        int passes = settings.measureRobustness() ? 2 + 2 * Robustness.standard(settings.seed()).size() : 2;
        progress.update(VERIFYING, 2, passes, "the delivered image, re-encoded");
        int[] done = {2};
        List<Robustness.Row> robustness = settings.measureRobustness()
                ? Robustness.measure(full, deliveredFull, before, after, settings.seed(), p -> {
                    progress.checkCancelled();
                    double d = distanceToTarget(toWorking(p, geometry), target.latent());
                    progress.update(VERIFYING, ++done[0], passes, "robustness to JPEG, resizing and noise");
                    return d;
                })
                : List.of();
        ProtectionReport report = new ProtectionReport(recipe.name(), concept, original.getWidth(),
                original.getHeight(), geometry.width(), geometry.height(), budget.levels(), steps,
                settings.recipe() == RecipeChoice.ROBUST, settings.seed(), before, after, 100 * (before - after) / before,
                fromOriginal, ImageQuality.psnr(original, delivered), ImageQuality.ssim(original, delivered),
                Budget.maxChange(original, delivered), target.anchorIndex(), robustness, protectSeconds,
                (System.nanoTime() - verifyStart) / 1e9, deviceName);
        if (modelsEye == null) {
            return new ProtectionResult(delivered, report, null, null, null);
        }
        return new ProtectionResult(delivered, report, modelsEye.apply(working.toImage()),
                modelsEye.apply(deliveredWorking.toImage()), modelsEye.apply(target.framed()));
    }

    private double distanceToTarget(Planes workingImage, NDArray target) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            return Distances.rms(encoder.encode(TargetBuilder.toTensor(workingImage, target.getManager())), target);
        }
    }

    private static Planes toWorking(Planes full, WorkingGeometry g) {
        return g.isIdentity() ? full : full.resample(g.downRows(), g.downCols());
    }

    /** Refuses an artwork size the engine does not take, with the reason. */
    public static void checkSize(int w, int h, ProtectionSettings s) {
        if (Math.min(w, h) < ProtectionSettings.MIN_SIDE) {
            throw new IllegalArgumentException("image is " + w + "x" + h + " px; protection needs at least "
                    + ProtectionSettings.MIN_SIDE + " px on each side");
        }
        if ((long) w * h > s.maxPixels()) {
            throw new IllegalArgumentException("image is " + w + "x" + h + " px, over the limit of "
                    + s.maxPixels() + " pixels");
        }
    }
}
