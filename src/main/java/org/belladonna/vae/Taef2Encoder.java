package org.belladonna.vae;

import static org.belladonna.vae.Conv.conv;
import static org.belladonna.vae.Conv.downsample;

/**
 * TAEF2 encoder (madebyollin/taesd, tiny distilled encoder of the FLUX.2 VAE): RGB in [0, 1] to a
 * 32-channel latent at 1/8 resolution. Index = state-dict key prefix.
 */
final class Taef2Encoder extends Sequential {
    static final int LATENT_CHANNELS = 32;
    static final int DOWNSCALE = 8;

    Taef2Encoder() {
        add(conv(3, 64)).add(new Block(64));
        add(downsample(64)).add(new Block(64)).add(new Block(64)).add(new Block(64));
        add(downsample(64)).add(new Block(64)).add(new Block(64)).add(new Block(64));
        add(downsample(64)).add(Block.withPool(64)).add(Block.withPool(64)).add(Block.withPool(64));
        add(conv(64, LATENT_CHANNELS));
    }
}
