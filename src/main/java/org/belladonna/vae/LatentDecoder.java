package org.belladonna.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.io.IOException;
import java.nio.file.Path;

/** The TAEF2 decoder with its weights loaded: latents back to RGB. Differentiable, like the encoders. */
public final class LatentDecoder implements AutoCloseable {
    private final Network network;

    private LatentDecoder(Network network) {
        this.network = network;
    }

    static LatentDecoder load(Path weights) throws IOException {
        return new LatentDecoder(Network.load(new Taef2Decoder(), weights));
    }

    /**
     * @param latent N x 32 x h x w float32
     * @return N x 3 x 8h x 8w RGB, roughly in [0, 1] but not clamped; owned by {@code latent}'s manager
     */
    public NDArray decode(NDArray latent) {
        Shape s = latent.getShape();
        if (s.dimension() != 4 || s.get(1) != Taef2Encoder.LATENT_CHANNELS || latent.getDataType() != DataType.FLOAT32) {
            throw new IllegalArgumentException("the TAEF2 decoder needs N x 32 x h x w float32 latents, got "
                    + s + " " + latent.getDataType());
        }
        return network.forward(latent);
    }

    @Override
    public void close() {
        network.close();
    }
}
