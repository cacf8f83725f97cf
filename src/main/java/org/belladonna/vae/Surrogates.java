package org.belladonna.vae;

import org.belladonna.models.ModelRegistry;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The surrogate encoders there are, by manifest id, for commands that let the user choose one. */
public final class Surrogates {
    public static final String TAESANA_ID = "taesana-encoder";

    private Surrogates() {
    }

    public static List<String> ids() {
        return List.of(Taef2.ENCODER_ID, TAESANA_ID);
    }

    public static Surrogate open(String id, ModelRegistry registry) throws IOException {
        return open(id, registry.path(id));
    }

    public static Surrogate open(String id, Path weights) throws IOException {
        return switch (id) {
            case Taef2.ENCODER_ID -> Taef2.encoder(weights);
            case TAESANA_ID -> PretrainedEncoder.load(TAESANA_ID, new TaesanaEncoder(), TaesanaEncoder.DOWNSCALE,
                    TaesanaEncoder.LATENT_CHANNELS, weights);
            default -> throw new IllegalArgumentException("no surrogate encoder '" + id + "'; known: " + String.join(", ", ids()));
        };
    }
}
