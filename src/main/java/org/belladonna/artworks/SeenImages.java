package org.belladonna.artworks;

import org.belladonna.models.ModelMissingException;
import org.belladonna.protect.WorkingGeometry;
import org.belladonna.vae.Family;
import org.belladonna.vae.ModelsEye;
import org.belladonna.vae.Taef2;
import org.belladonna.images.ImageDecoder;
import org.belladonna.store.ImageIntake;
import org.belladonna.store.ImageIntake.StoredImage;
import org.belladonna.models.ModelRegistry;
import org.belladonna.jobs.BackgroundJobs;
import org.belladonna.jobs.JobType;
import org.belladonna.jobs.Lane;
import org.belladonna.store.DerivedImages;
import org.belladonna.store.Records.Job;
import org.belladonna.store.Store;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Optional;

/**
 * "What the model sees": decoder(encoder(image)) through TAEF2, computed once per stored image by a
 * background job on the device lane and kept in the store as a derived image ({@code derived_image} kind
 * {@value #KIND}).
 */
public final class SeenImages implements AutoCloseable {
    public static final String KIND = kind(Family.TAEF2.id());
    /**
     * The view is computed at the working size (short side at most this, as a scraper would resize before
     * training): memory and time stay those of a 512 px image, whatever was uploaded.
     */
    public static final int MAX_SHORT_SIDE = 512;

    /** The derived-image kind of a family's view, e.g. "seen:taesana". */
    public static String kind(String family) {
        return "seen:" + family;
    }

    /** The stored image to look at. */
    public record Payload(String hash) {
    }

    /** The view's hash. */
    public record Result(String seen) {
    }

    public static final JobType<Payload> JOB = JobType.of("see", Lane.DEVICE, Payload.class,
            "running the TAEF2 encoder and decoder", 1.0);

    private final Store store;
    private final ImageIntake intake;
    private final ModelRegistry registry;
    private final BackgroundJobs jobs;
    private ModelsEye eye;

    /** Registers the model's-eye job's handler with the queue. */
    public SeenImages(Store store, ImageIntake intake, ModelRegistry registry, BackgroundJobs jobs) {
        this.store = store;
        this.intake = intake;
        this.registry = registry;
        this.jobs = jobs;
        jobs.register(JOB, (payload, context) -> {
            context.update(JOB.phases().get(0).name(), 0, 1);
            return new Result(compute(payload.hash()));
        });
    }

    /** Queues the view of a stored image. */
    public long request(String hash) {
        return jobs.submit(JOB, new Payload(hash));
    }

    /** The newest job computing the view of this image, whatever its state. */
    public Optional<Job> latestJob(String hash) {
        return jobs.latest(JOB, "hash", hash);
    }

    /** The hash of the cached view of {@code hash}, if it was computed before. */
    public Optional<String> cached(String hash) {
        return store.read(h -> DerivedImages.find(h, hash, KIND));
    }

    /** Computes (or returns the cached) view; throws ModelMissingException naming the install command. */
    public synchronized String compute(String hash) throws IOException {
        Optional<String> done = cached(hash);
        if (done.isPresent()) {
            return done.get();
        }
        BufferedImage source = workingSize(ImageDecoder.toRgb(ImageIO.read(new java.io.ByteArrayInputStream(store.files().read(hash)))));
        BufferedImage seen = eye().see(source);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(seen, "png", png);
        StoredImage stored;
        try {
            stored = intake.accept(png.toByteArray());
        } catch (org.belladonna.images.BadImageException e) {
            throw new IOException("the model's view could not be stored: " + e.getMessage(), e);
        }
        store.write(h -> {
            ImageIntake.register(h, stored);
            DerivedImages.put(h, hash, KIND, stored.hash());
            return null;
        });
        return stored.hash();
    }

    /** Downscaled (Thumbnailator) so the short side is at most {@link #MAX_SHORT_SIDE}; never upscaled. */
    static BufferedImage workingSize(BufferedImage image) throws IOException {
        if (Math.min(image.getWidth(), image.getHeight()) <= MAX_SHORT_SIDE) {
            return image;
        }
        WorkingGeometry g = WorkingGeometry.of(image.getWidth(), image.getHeight(), MAX_SHORT_SIDE);
        return ImageDecoder.toRgb(net.coobird.thumbnailator.Thumbnails.of(image).forceSize(g.width(), g.height()).asBufferedImage());
    }

    /** True when both TAEF2 files are installed and verified. */
    public boolean available() {
        try {
            registry.path(Taef2.ENCODER_ID);
            registry.path(Taef2.DECODER_ID);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private ModelsEye eye() throws IOException {
        if (eye == null) {
            eye = ModelsEye.open(registry);
        }
        return eye;
    }

    @Override
    public synchronized void close() {
        if (eye != null) {
            eye.close();
            eye = null;
        }
    }
}
