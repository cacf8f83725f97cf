package org.belladonna.vae;

import static org.belladonna.vae.Conv.conv;
import static org.belladonna.vae.Layers.clamp;
import static org.belladonna.vae.Layers.relu;
import static org.belladonna.vae.Layers.upsample;

/**
 * taesd's {@code F32Decoder(latent_channels)} (TAESana): a latent back to RGB at 32x the resolution,
 * wide (256 channels) at the lowest resolution and narrowing to 64 over five nearest-neighbour
 * upsamplings.
 */
final class F32Decoder extends Sequential {
    F32Decoder(int latentChannels) {
        add(clamp()).add(conv(latentChannels, 256)).add(relu());
        add(new Block(256)).add(new Block(256)).add(new Block(256)).add(upsample()).add(conv(256, 128, 1, false));
        add(new Block(128)).add(new Block(128)).add(new Block(128)).add(upsample()).add(conv(128, 64, 1, false));
        add(new Block(64)).add(new Block(64)).add(new Block(64)).add(upsample()).add(conv(64, 64, 1, false));
        add(new Block(64)).add(new Block(64)).add(new Block(64)).add(upsample()).add(conv(64, 64, 1, false));
        add(new Block(64)).add(new Block(64)).add(new Block(64)).add(upsample()).add(conv(64, 64, 1, false));
        add(new Block(64)).add(conv(64, 3));
    }
}
