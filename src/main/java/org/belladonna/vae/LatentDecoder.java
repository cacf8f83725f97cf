package org.belladonna.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.belladonna.models.ModelRegistry;

import java.io.IOException;
import java.nio.file.Path;

/** A TAESD-family decoder with its weights loaded: latents back to RGB. Differentiable, like the encoders. */
public final class LatentDecoder implements AutoCloseable {
    private final Family family;
    private final Network network;

    private LatentDecoder(Family family, Network network) {
        this.family = family;
        this.network = network;
    }

    /** @throws org.belladonna.models.weights.WeightsException naming missing, unexpected or misshapen keys */
    public static LatentDecoder load(Family family, Path weights) throws IOException {
        return new LatentDecoder(family, Network.load(family.newDecoder(), weights));
    }

    /** @throws org.belladonna.models.ModelMissingException naming the install command */
    public static LatentDecoder load(Family family, ModelRegistry registry) throws IOException {
        return load(family, registry.path(family.decoderId()));
    }

    public Family family() {
        return family;
    }

    /** Image side / latent side: 8, or 32 for TAESana. */
    public int upscale() {
        return family.downscale();
    }

    /**
     * @param latent N x C x h x w float32, C = the family's latent channels
     * @return N x 3 x (h * s) x (w * s) RGB, roughly in [0, 1] but not clamped; owned by {@code latent}'s manager
     */
    public NDArray decode(NDArray latent) {
        Shape s = latent.getShape();
        if (s.dimension() != 4 || s.get(1) != family.latentChannels() || latent.getDataType() != DataType.FLOAT32) {
            throw new IllegalArgumentException("the " + family.displayName() + " decoder needs N x "
                    + family.latentChannels() + " x h x w float32 latents, got " + s + " " + latent.getDataType());
        }
        return network.forward(latent);
    }

    @Override
    public void close() {
        network.close();
    }
}
