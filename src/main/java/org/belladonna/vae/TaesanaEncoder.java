package org.belladonna.vae;

import static org.belladonna.vae.Conv.conv;
import static org.belladonna.vae.Conv.downsample;
import static org.belladonna.vae.Layers.relu;

/**
 * TAESana encoder (taesd's {@code F32Encoder(32)}, tiny distilled encoder of Sana's DC-AE): RGB in
 * [0, 1] to a 32-channel latent at 1/32 resolution. Same Block as TAEF2, without pool branches.
 */
final class TaesanaEncoder extends Sequential {
    static final int LATENT_CHANNELS = 32;
    static final int DOWNSCALE = 32;

    TaesanaEncoder() {
        add(conv(3, 32, 2, true)).add(relu()).add(conv(32, 64, 2, true)).add(relu()).add(new Block(64));
        add(downsample(64)).add(new Block(64)).add(new Block(64)).add(new Block(64));
        add(downsample(64)).add(new Block(64)).add(new Block(64)).add(new Block(64));
        add(downsample(64)).add(new Block(64)).add(new Block(64)).add(new Block(64));
        add(conv(64, LATENT_CHANNELS));
    }
}
