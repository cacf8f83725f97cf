package org.belladonna.vae;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The TAESD family of tiny distilled autoencoders (madebyollin/taesd), one per generator family
 * whose VAE they imitate. A protection only moves the latents of the families it optimises against
 * (there is no transfer between them), so each family a user wants covered needs its surrogate.
 */
public enum Family {
    TAEF2("taef2", "TAEF2", "FLUX.2", 32, 8,
            () -> new Encoder(32, true), () -> new Decoder(32, true)),
    TAESANA("taesana", "TAESana", "Sana", 32, 32,
            () -> new F32Encoder(32), () -> new F32Decoder(32)),
    TAESD("taesd", "TAESD", "SD 1.x / 2.x", 4, 8,
            () -> new Encoder(4), () -> new Decoder(4)),
    TAESDXL("taesdxl", "TAESDXL", "SDXL", 4, 8,
            () -> new Encoder(4), () -> new Decoder(4)),
    TAESD3("taesd3", "TAESD3", "SD 3.x", 16, 8,
            () -> new Encoder(16), () -> new Decoder(16)),
    TAEF1("taef1", "TAEF1", "FLUX.1, HiDream, Z-Image", 16, 8,
            () -> new Encoder(16), () -> new Decoder(16));

    private final String id;
    private final String displayName;
    private final String generators;
    private final int latentChannels;
    private final int downscale;
    private final Supplier<Sequential> encoder;
    private final Supplier<Sequential> decoder;

    Family(String id, String displayName, String generators, int latentChannels, int downscale,
           Supplier<Sequential> encoder, Supplier<Sequential> decoder) {
        this.id = id;
        this.displayName = displayName;
        this.generators = generators;
        this.latentChannels = latentChannels;
        this.downscale = downscale;
        this.encoder = encoder;
        this.decoder = decoder;
    }

    /** Stable id, the prefix of the manifest ids and upstream file names, e.g. {@code taef2}. */
    public String id() {
        return id;
    }

    /** e.g. "TAEF2". */
    public String displayName() {
        return displayName;
    }

    /** The image generators whose VAE latents this surrogate imitates, e.g. "SD 1.x / 2.x". */
    public String generators() {
        return generators;
    }

    public int latentChannels() {
        return latentChannels;
    }

    /** Image side / latent side: 8, or 32 for TAESana. */
    public int downscale() {
        return downscale;
    }

    /** Manifest id of the encoder weights, e.g. {@code taef2-encoder}. */
    public String encoderId() {
        return id + "-encoder";
    }

    /** Manifest id of the decoder weights, e.g. {@code taef2-decoder}. */
    public String decoderId() {
        return id + "-decoder";
    }

    /** Floating-point operations of one encoder pass on an H x W image (convolutions only; no weights needed). */
    public long encoderFlops(int height, int width) {
        return ConvFlops.count(newEncoder(), new ai.djl.ndarray.types.Shape(1, 3, EdgePadding.roundUp(height, downscale),
                EdgePadding.roundUp(width, downscale)));
    }

    /** A fresh, uninitialised encoder definition; its parameter names are the upstream state-dict keys. */
    Sequential newEncoder() {
        return encoder.get();
    }

    /** A fresh, uninitialised decoder definition. */
    Sequential newDecoder() {
        return decoder.get();
    }

    /** The family with this {@link #id()}, or an error that lists the ids there are. */
    public static Family byId(String id) {
        return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no surrogate family '" + id + "'; known: "
                        + String.join(", ", Arrays.stream(values()).map(Family::id).toList())));
    }
}
