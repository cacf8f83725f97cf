package org.belladonna.vae;

import static org.belladonna.vae.Conv.conv;
import static org.belladonna.vae.Layers.clamp;
import static org.belladonna.vae.Layers.relu;
import static org.belladonna.vae.Layers.upsample;

/**
 * taesd's {@code Decoder(latent_channels, use_midblock_gn)}: a latent back to RGB (about [0, 1];
 * callers clamp for display) at 8x the resolution. The parameter-free layers keep their indices, so
 * index = state-dict key prefix.
 */
final class Decoder extends Sequential {
    Decoder(int latentChannels) {
        this(latentChannels, false);
    }

    Decoder(int latentChannels, boolean midblockGn) {
        add(clamp()).add(conv(latentChannels, 64)).add(relu());
        add(new Block(64, midblockGn)).add(new Block(64, midblockGn)).add(new Block(64, midblockGn));
        add(upsample()).add(conv(64, 64, 1, false));
        add(new Block(64)).add(new Block(64)).add(new Block(64));
        add(upsample()).add(conv(64, 64, 1, false));
        add(new Block(64)).add(new Block(64)).add(new Block(64));
        add(upsample()).add(conv(64, 64, 1, false));
        add(new Block(64)).add(conv(64, 3));
    }
}
