package org.belladonna.vae;

import org.belladonna.models.ModelRegistry;

import java.io.IOException;
import java.nio.file.Path;

/** Entry point to the pretrained TAEF2 pair (FLUX.2's VAE, distilled). */
public final class Taef2 {
    public static final String ENCODER_ID = "taef2-encoder";
    public static final String DECODER_ID = "taef2-decoder";

    private Taef2() {
    }

    /** @throws org.belladonna.models.ModelMissingException if the weights are not installed */
    public static Surrogate encoder(ModelRegistry registry) throws IOException {
        return encoder(registry.path(ENCODER_ID));
    }

    public static Surrogate encoder(Path weights) throws IOException {
        return PretrainedEncoder.load(ENCODER_ID, new Taef2Encoder(), Taef2Encoder.DOWNSCALE,
                Taef2Encoder.LATENT_CHANNELS, weights);
    }

    public static LatentDecoder decoder(ModelRegistry registry) throws IOException {
        return decoder(registry.path(DECODER_ID));
    }

    public static LatentDecoder decoder(Path weights) throws IOException {
        return LatentDecoder.load(weights);
    }
}
