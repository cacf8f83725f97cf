package org.belladonna.vae;

import org.belladonna.models.ModelRegistry;

import java.io.IOException;
import java.nio.file.Path;

/** Shorthand for {@link Family#TAEF2} (FLUX.2), the default surrogate pair. */
public final class Taef2 {
    public static final String ENCODER_ID = "taef2-encoder";
    public static final String DECODER_ID = "taef2-decoder";

    private Taef2() {
    }

    /** @throws org.belladonna.models.ModelMissingException if the weights are not installed */
    public static Surrogate encoder(ModelRegistry registry) throws IOException {
        return Surrogate.load(Family.TAEF2, registry);
    }

    public static Surrogate encoder(Path weights) throws IOException {
        return Surrogate.load(Family.TAEF2, weights);
    }

    public static LatentDecoder decoder(ModelRegistry registry) throws IOException {
        return LatentDecoder.load(Family.TAEF2, registry);
    }

    public static LatentDecoder decoder(Path weights) throws IOException {
        return LatentDecoder.load(Family.TAEF2, weights);
    }
}
