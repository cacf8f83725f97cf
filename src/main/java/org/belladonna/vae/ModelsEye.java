package org.belladonna.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.belladonna.images.Tensors;
import org.belladonna.models.Compute;
import org.belladonna.models.ModelRegistry;

import java.awt.image.BufferedImage;
import java.io.IOException;

/** "What the model sees": an image through a family's encoder and back through its decoder. */
public final class ModelsEye implements AutoCloseable {
    private final Surrogate encoder;
    private final LatentDecoder decoder;

    /** Shares {@code encoder} and {@code decoder}: closing this closes them. */
    public ModelsEye(Surrogate encoder, LatentDecoder decoder) {
        if (encoder.family().isPresent() && encoder.family().get() != decoder.family()) {
            throw new IllegalArgumentException("a " + encoder.name() + " encoder with a " + decoder.family().id()
                    + " decoder: latents only make sense to their own family's decoder");
        }
        this.encoder = encoder;
        this.decoder = decoder;
    }

    /** TAEF2's view (FLUX.2), the default. */
    public static ModelsEye open(ModelRegistry registry) throws IOException {
        return open(Family.TAEF2, registry);
    }

    /** @throws org.belladonna.models.ModelMissingException naming the install command */
    public static ModelsEye open(Family family, ModelRegistry registry) throws IOException {
        Surrogate encoder = Surrogate.load(family, registry);
        try {
            return new ModelsEye(encoder, LatentDecoder.load(family, registry));
        } catch (IOException | RuntimeException e) {
            encoder.close();
            throw e;
        }
    }

    /** decoder(encoder(image)), cropped back to the image's size, clamped to [0, 1] and rounded to 8 bits. */
    public BufferedImage see(BufferedImage image) {
        try (NDManager manager = NDManager.newBaseManager(Compute.get().device())) {
            NDArray rgb = Tensors.toNCHW(manager, image);
            NDArray decoded = decoder.decode(encoder.encode(rgb));
            return Tensors.toImage(EdgePadding.crop(decoded, image.getHeight(), image.getWidth()));
        }
    }

    @Override
    public void close() {
        encoder.close();
        decoder.close();
    }
}
