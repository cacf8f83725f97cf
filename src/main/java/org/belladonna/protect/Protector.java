package org.belladonna.protect;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import org.belladonna.models.Compute;
import org.belladonna.models.ModelRegistry;
import org.belladonna.vae.LatentDecoder;
import org.belladonna.vae.ModelsEye;
import org.belladonna.vae.Surrogate;
import org.belladonna.vae.Taef2;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
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

    /** One artwork. */
    public Outcome protect(BufferedImage artwork, String concept, List<BufferedImage> anchors,
                           ProtectionSettings settings, ProgressListener progress, BooleanSupplier cancelled) {
        return protectBatch(List.of(artwork), concept, anchors, settings, progress, cancelled);
    }

    /**
     * Several artworks of the same size optimised together, one batch per step (worth it on a GPU;
     * on a CPU it costs the same as one after another).
     */
    public Outcome protectBatch(List<BufferedImage> artworks, String concept, List<BufferedImage> anchors,
                                ProtectionSettings settings, ProgressListener progress, BooleanSupplier cancelled) {
        if (artworks.isEmpty()) {
            throw new IllegalArgumentException("nothing to protect");
        }
        int fullW = artworks.get(0).getWidth();
        int fullH = artworks.get(0).getHeight();
        for (BufferedImage a : artworks) {
            check(a, settings, fullW, fullH);
        }
        long start = System.nanoTime();
        WorkingGeometry geometry = WorkingGeometry.of(fullW, fullH, settings.workingSize());
        Recipe recipe = settings.resolveRecipe();
        Budget budget = settings.budget();
        int steps = settings.resolveSteps();
        int n = artworks.size();
        int w = geometry.width();
        int h = geometry.height();

        try (NDManager nd = NDManager.newBaseManager(device)) {
            List<Planes> full = new ArrayList<>();
            List<Planes> working = new ArrayList<>();
            List<TargetBuilder.Target> targets = new ArrayList<>();
            float[] share = new float[n * h * w];
            float[] workingChw = new float[n * 3 * h * w];
            for (int i = 0; i < n; i++) {
                Planes f = Planes.of(artworks.get(i));
                Planes wk = toWorking(f, geometry);
                full.add(f);
                working.add(wk);
                System.arraycopy(wk.chw(), 0, workingChw, i * 3 * h * w, 3 * h * w);
                try (NDArray latent = encoder.encode(TargetBuilder.toTensor(wk, nd))) {
                    targets.add(TargetBuilder.nearest(anchors, w, h, encoder, latent, nd));
                }
                float[] imageShare = recipe.budgetShare(wk);
                for (int j = 0; j < h * w; j++) {
                    share[i * h * w + j] = imageShare == null ? 1f : imageShare[j];
                }
            }
            NDArray target = NDArrays.concat(new NDList(targets.stream().map(TargetBuilder.Target::latent).toList()), 0);
            PgdLoop.Problem problem = new PgdLoop.Problem(
                    nd.create(workingChw, new Shape(n, 3, h, w)),
                    geometry.isIdentity() ? null : nd.create(Resampling.multiply(geometry.downRows(), geometry.upRows())),
                    geometry.isIdentity() ? null : nd.create(Resampling.multiply(geometry.downCols(), geometry.upCols())),
                    target,
                    new Constraint(budget.fraction(), nd.create(share, new Shape(n, 1, h, w)), recipe.rmsRadius(settings)));
            PgdLoop.Run run = PgdLoop.run(encoder, recipe, problem, steps, settings.seed(),
                    progress, cancelled);
            if (run.cancelled()) {
                return new Outcome.Cancelled(run.stepsDone(), steps);
            }
            float[] delta = run.delta().toFloatArray();
            double protectSeconds = (System.nanoTime() - start) / 1e9;

            List<ProtectionResult> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                long verifyStart = System.nanoTime();
                float[] slice = new float[3 * h * w];
                System.arraycopy(delta, i * 3 * h * w, slice, 0, slice.length);
                Planes deltaWorking = Planes.fromChw(slice, w, h);
                Planes deltaFull = geometry.isIdentity() ? deltaWorking
                        : deltaWorking.resample(geometry.upRows(), geometry.upCols());
                BufferedImage delivered = budget.apply(artworks.get(i), deltaFull.rgb());
                results.add(verify(artworks.get(i), delivered, full.get(i), working.get(i), targets.get(i),
                        geometry, recipe, concept, budget, steps, settings, protectSeconds / n, verifyStart));
            }
            return new Outcome.Done(results);
        }
    }

    private ProtectionResult verify(BufferedImage original, BufferedImage delivered, Planes full, Planes working,
                                    TargetBuilder.Target target, WorkingGeometry geometry, Recipe recipe,
                                    String concept, Budget budget, int steps, ProtectionSettings settings,
                                    double protectSeconds, long verifyStart) {
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
        List<Robustness.Row> robustness = settings.measureRobustness()
                ? Robustness.measure(full, deliveredFull, before, after, settings.seed(),
                        p -> distanceToTarget(toWorking(p, geometry), target.latent()))
                : List.of();
        ProtectionReport report = new ProtectionReport(recipe.name(), concept, original.getWidth(),
                original.getHeight(), geometry.width(), geometry.height(), budget.levels(), steps,
                recipe instanceof RobustRecipe, settings.seed(), before, after, 100 * (before - after) / before,
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

    private static void check(BufferedImage a, ProtectionSettings s, int w, int h) {
        if (a.getWidth() != w || a.getHeight() != h) {
            throw new IllegalArgumentException("a batch must hold images of one size: " + w + "x" + h + " and "
                    + a.getWidth() + "x" + a.getHeight());
        }
        checkSize(w, h, s);
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
