package org.belladonna.protect;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import org.belladonna.models.Compute;
import org.belladonna.models.ModelRegistry;
import org.belladonna.progress.Progress;
import org.belladonna.vae.Family;
import org.belladonna.vae.ModelsEye;
import org.belladonna.vae.Surrogate;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The protection engine: an artwork + a target concept's anchors + settings -> a protected image at its
 * original resolution, with a report measured on what is delivered, for every surrogate family measured.
 * <ol>
 * <li>Downscale the artwork to the working size (area filter).</li>
 * <li>Pick the target from the anchors ({@link TargetBuilder}): one anchor, its latent in every family.</li>
 * <li>Run the recipe in the shared loop ({@link PgdLoop}) against every optimised family at once; the loop
 *     already optimises through the mapping back to full size.</li>
 * <li>Deliver: upsample the perturbation bilinearly to the artwork's size, add it to the original
 *     pixels, quantise to 8 bits and clip to the budget ({@link Budget#apply}).</li>
 * <li>Verify: downscale the delivered image again and encode it with every family, optimised and held out;
 *     measure, and when asked render what each family with a decoder sees ({@link ProtectionReport}).</li>
 * </ol>
 * One protection at a time per instance: the networks are shared.
 */
public final class Protector implements AutoCloseable {
    /** Phase names this engine reports: the optimisation's steps, then the checks on the delivered image. */
    public static final String OPTIMISING = PgdLoop.PHASE;
    public static final String VERIFYING = "verifying robustness";

    private final Ensemble ensemble;
    private final Device device;
    private final String deviceName;

    /** Runs on {@code device}, where the ensemble's weights live; owns the ensemble. */
    public Protector(Ensemble ensemble, Device device, String deviceName) {
        this.ensemble = ensemble;
        this.device = device;
        this.deviceName = deviceName;
    }

    /** On the device {@link Compute} chose. */
    public Protector(Ensemble ensemble) {
        this(ensemble, Compute.get().device(), Compute.get().describe());
    }

    /**
     * Optimised against {@code families}, measured on every other installed one, with model's-eye views
     * (where decoders are installed) when {@code views}. Close it to free the weights.
     *
     * @throws org.belladonna.models.ModelMissingException naming the install command
     */
    public static Protector open(ModelRegistry registry, List<Family> families, boolean views) throws IOException {
        return new Protector(Ensemble.open(registry, families, views));
    }

    public Ensemble ensemble() {
        return ensemble;
    }

    @Override
    public void close() {
        ensemble.close();
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
            NDArray workingTensor = TargetBuilder.toTensor(working, nd);
            Map<String, NDArray> original = new LinkedHashMap<>();
            for (Surrogate s : ensemble.all()) {
                original.put(s.name(), s.encode(workingTensor));
            }
            TargetBuilder.Target target = TargetBuilder.choose(anchors, w, h, ensemble, original, nd);
            List<PgdLoop.Term> terms = new ArrayList<>();
            for (Surrogate s : ensemble.optimised()) {
                double start0 = recipe.loss(original.get(s.name()), target.latent(s)).getFloat();
                terms.add(new PgdLoop.Term(s, target.latent(s), start0 > 0 ? 1 / start0 : 1));
            }
            float[] share = recipe.budgetShare(working);
            if (share == null) {
                share = new float[h * w];
                Arrays.fill(share, 1f);
            }
            PgdLoop.Problem problem = new PgdLoop.Problem(workingTensor,
                    geometry.isIdentity() ? null : nd.create(Resampling.multiply(geometry.downRows(), geometry.upRows())),
                    geometry.isIdentity() ? null : nd.create(Resampling.multiply(geometry.downCols(), geometry.upCols())),
                    new Constraint(budget.fraction(), nd.create(share, new Shape(1, 1, h, w)),
                            recipe.rmsRadius(settings.intensity())), terms);
            float[] delta = PgdLoop.run(recipe, problem, steps, settings.seed(), progress).toFloatArray();
            double protectSeconds = (System.nanoTime() - start) / 1e9;

            long verifyStart = System.nanoTime();
            Planes deltaWorking = Planes.fromChw(delta, w, h);
            Planes deltaFull = geometry.isIdentity() ? deltaWorking : deltaWorking.resample(geometry.upRows(), geometry.upCols());
            BufferedImage delivered = budget.apply(artwork, deltaFull.rgb());
            return verify(artwork, delivered, full, working, original, target, geometry, recipe, concept, budget,
                    steps, settings, protectSeconds, verifyStart, progress);
        }
    }

    private ProtectionResult verify(BufferedImage original, BufferedImage delivered, Planes full, Planes working,
                                    Map<String, NDArray> originalLatents, TargetBuilder.Target target,
                                    WorkingGeometry geometry, Recipe recipe, String concept, Budget budget, int steps,
                                    ProtectionSettings settings, double protectSeconds, long verifyStart,
                                    Progress progress) {
        List<Surrogate> measured = ensemble.all();
        int transforms = settings.measureRobustness() ? Robustness.standard(settings.seed()).size() : 0;
        int passes = 1 + 2 * transforms;
        Planes deliveredFull = Planes.of(delivered);
        Planes deliveredWorking = toWorking(deliveredFull, geometry);
        Map<String, Double> before = new LinkedHashMap<>();
        Map<String, Double> after = new LinkedHashMap<>();
        Map<String, Double> fromOriginal = new LinkedHashMap<>();
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray tensor = TargetBuilder.toTensor(deliveredWorking, target.latent(measured.get(0)).getManager());
            for (Surrogate s : measured) {
                NDArray z = s.encode(tensor);
                before.put(s.name(), Distances.rms(originalLatents.get(s.name()), target.latent(s)));
                after.put(s.name(), Distances.rms(z, target.latent(s)));
                fromOriginal.put(s.name(), Distances.rms(z, originalLatents.get(s.name())));
            }
        }
        progress.update(VERIFYING, 1, passes, "the delivered image, re-encoded");
        int[] done = {1};
        Map<String, List<Robustness.Row>> robustness = settings.measureRobustness()
                ? Robustness.measure(full, deliveredFull, before, after, settings.seed(), p -> {
                    progress.checkCancelled();
                    Map<String, Double> d = distancesToTarget(toWorking(p, geometry), target);
                    progress.update(VERIFYING, ++done[0], passes, "robustness to JPEG, resizing and noise");
                    return d;
                })
                : Map.of();

        List<ProtectionReport.FamilyCoverage> families = new ArrayList<>();
        for (Surrogate s : measured) {
            double b = before.get(s.name());
            double a = after.get(s.name());
            families.add(new ProtectionReport.FamilyCoverage(s.name(), s.family().map(Family::displayName).orElse(s.name()),
                    s.family().map(Family::generators).orElse(""), ensemble.optimised().contains(s), b, a,
                    b > 0 ? 100 * (b - a) / b : 0, fromOriginal.get(s.name()), robustness.getOrDefault(s.name(), List.of())));
        }
        List<ProtectionReport.NotCovered> notCovered = ensemble.missing().stream()
                .map(m -> new ProtectionReport.NotCovered(m.family().id(), m.family().displayName(), m.family().generators(),
                        m.installCommand())).toList();
        ProtectionReport.FamilyCoverage primary = families.get(0);
        ProtectionReport report = new ProtectionReport(recipe.name(), concept, original.getWidth(),
                original.getHeight(), geometry.width(), geometry.height(), budget.levels(), steps,
                settings.recipe() == RecipeChoice.ROBUST, settings.seed(), primary.distanceBefore(),
                primary.distanceAfter(), primary.percentMoved(), primary.distanceFromOriginal(),
                ImageQuality.psnr(original, delivered), ImageQuality.ssim(original, delivered),
                Budget.maxChange(original, delivered), target.anchorIndex(), primary.robustness(), protectSeconds,
                (System.nanoTime() - verifyStart) / 1e9, deviceName, families, notCovered);

        List<ProtectionResult.Views> views = new ArrayList<>();
        if (settings.views()) {
            BufferedImage workingOriginal = working.toImage();
            BufferedImage workingDelivered = deliveredWorking.toImage();
            for (Surrogate s : measured) {
                ensemble.decoder(s).ifPresent(decoder -> {
                    progress.checkCancelled();
                    ModelsEye eye = new ModelsEye(s, decoder);
                    views.add(new ProtectionResult.Views(s.name(), eye.see(workingOriginal), eye.see(workingDelivered),
                            eye.see(target.framed())));
                });
            }
        }
        return new ProtectionResult(delivered, report, views);
    }

    /** Every measured family's distance to its target of a full-size image (downscaled first). */
    private Map<String, Double> distancesToTarget(Planes workingImage, TargetBuilder.Target target) {
        Map<String, Double> d = new LinkedHashMap<>();
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            List<Surrogate> measured = ensemble.all();
            NDArray tensor = TargetBuilder.toTensor(workingImage, target.latent(measured.get(0)).getManager());
            for (Surrogate s : measured) {
                d.put(s.name(), Distances.rms(s.encode(tensor), target.latent(s)));
            }
        }
        return d;
    }

    /**
     * Peak memory of one protection, in bytes, above what the process uses idle: the largest of the
     * optimised families' gradient passes (they run one after another) and the decoders' passes for the
     * views, plus the full-resolution images and planes, the working-size tensors, and the weights of every
     * installed family (held-out ones are measured too), plus the engine's fixed share. Calibrated on the
     * measured peak of a 567x362 protection with two families (docs/benchmarks.md, issue 12) and rounded up: an estimate
     * that errs high makes a job wait, one that errs low risks the machine.
     */
    public static long estimateBytes(int fullWidth, int fullHeight, ProtectionSettings settings, List<Family> optimised,
                                     List<Family> installed) {
        WorkingGeometry g = WorkingGeometry.of(fullWidth, fullHeight, settings.workingSize());
        long working = (long) g.width() * g.height();
        long full = (long) fullWidth * fullHeight;
        long pass = optimised.stream().mapToLong(f -> gradientBytesPerPixel(f) * working).max().orElse(0);
        long views = settings.views() ? DECODE_BYTES_PER_PIXEL * working : 0;
        long weights = WEIGHT_BYTES_PER_FAMILY * Math.max(installed.size(), optimised.size()) * (settings.views() ? 2 : 1);
        return ENGINE_BYTES + Math.max(pass, views) + working * WORKING_TENSOR_BYTES_PER_PIXEL
                + full * FULL_RES_BYTES_PER_PIXEL + weights;
    }

    /**
     * A family's optimisation time relative to TAEF2's, from the encoders' convolution operations at the
     * default working size (time per step follows them closely on CPU and GPU alike).
     */
    public static double relativeCost(Family f) {
        return RELATIVE_COST.computeIfAbsent(f, k -> (double) k.encoderFlops(512, 512) / Family.TAEF2.encoderFlops(512, 512));
    }

    private static final Map<Family, Double> RELATIVE_COST = new java.util.concurrent.ConcurrentHashMap<>();

    /** Native memory of one encoder forward + backward, per working pixel (saved activations and their gradients). */
    static long gradientBytesPerPixel(Family f) {
        // 4,600: the 567x362 fast protection with TAEF2 + TAESana (560x360 working) peaked at 1,274 MiB
        // resident, about 1,200 MiB above the idle JVM, of which ~850 MiB is this pass (docs/benchmarks.md,
        // issue 12). TAESana's pass was not measured alone; it keeps the earlier ratio to TAEF2's.
        return f.downscale() == 32 ? 1_350 : 4_600;
    }

    /**
     * What running any network adds once: libtorch's resident code and its allocator's bookkeeping, and the
     * JVM's growth while it works (the estimate is taken against the idle process, before the engine loads).
     * Measured: the encoder bench's process sits at about 330 MB after a 256 px pass, a bare JVM at 70 MB.
     */
    static final long ENGINE_BYTES = 320L << 20;
    /** One decoder pass without gradients at the working size, per pixel. */
    static final long DECODE_BYTES_PER_PIXEL = 2_000;
    /** The working image, perturbation, budget map, momentum, gradients and resampling products, per working pixel. */
    static final long WORKING_TENSOR_BYTES_PER_PIXEL = 200;
    /** Artwork, float planes, perturbation, delivered image and the robustness transforms' copies, per artwork pixel. */
    static final long FULL_RES_BYTES_PER_PIXEL = 80;
    /** A TAESD-family network's weights in float32, with room for the loader's copies. */
    static final long WEIGHT_BYTES_PER_FAMILY = 40L << 20;

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
