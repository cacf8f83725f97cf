package org.belladonna.vae;

import static org.belladonna.vae.Conv.conv;
import static org.belladonna.vae.Layers.relu;

/**
 * taesd's {@code F32Encoder(latent_channels)} (TAESana, for Sana's DC-AE): RGB in [0, 1] to a latent
 * at 1/32 resolution; two strided convolutions before the first block instead of one.
 */
final class F32Encoder extends Sequential {
    F32Encoder(int latentChannels) {
        add(conv(3, 32, 2, true)).add(relu()).add(conv(32, 64, 2, true)).add(relu()).add(new Block(64));
        add(conv(64, 64, 2, false)).add(new Block(64)).add(new Block(64)).add(new Block(64));
        add(conv(64, 64, 2, false)).add(new Block(64)).add(new Block(64)).add(new Block(64));
        add(conv(64, 64, 2, false)).add(new Block(64)).add(new Block(64)).add(new Block(64));
        add(conv(64, latentChannels));
    }
}
