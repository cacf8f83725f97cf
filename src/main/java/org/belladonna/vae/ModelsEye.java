package org.belladonna.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.belladonna.images.Tensors;
import org.belladonna.models.Compute;
import org.belladonna.models.ModelRegistry;

import java.awt.image.BufferedImage;
import java.io.IOException;

/** "What the model sees": an image through the TAEF2 encoder and back through its decoder. */
public final class ModelsEye implements AutoCloseable {
    private final Surrogate encoder;
    private final LatentDecoder decoder;

    public ModelsEye(Surrogate encoder, LatentDecoder decoder) {
        this.encoder = encoder;
        this.decoder = decoder;
    }

    public static ModelsEye open(ModelRegistry registry) throws IOException {
        Surrogate encoder = Taef2.encoder(registry);
        try {
            return new ModelsEye(encoder, Taef2.decoder(registry));
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
