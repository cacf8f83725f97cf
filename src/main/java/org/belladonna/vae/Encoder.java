package org.belladonna.vae;

import static org.belladonna.vae.Conv.conv;

/**
 * taesd's {@code Encoder(latent_channels, use_midblock_gn)}: RGB in [0, 1] to a latent at 1/8
 * resolution. TAESD, TAESDXL (4 channels), TAESD3, TAEF1 (16) and TAEF2 (32, with the GroupNorm
 * pool in the last three blocks). Index = state-dict key prefix.
 */
final class Encoder extends Sequential {
    Encoder(int latentChannels) {
        this(latentChannels, false);
    }

    Encoder(int latentChannels, boolean midblockGn) {
        add(conv(3, 64)).add(new Block(64));
        add(conv(64, 64, 2, false)).add(new Block(64)).add(new Block(64)).add(new Block(64));
        add(conv(64, 64, 2, false)).add(new Block(64)).add(new Block(64)).add(new Block(64));
        add(conv(64, 64, 2, false)).add(new Block(64, midblockGn)).add(new Block(64, midblockGn)).add(new Block(64, midblockGn));
        add(conv(64, latentChannels));
    }
}
