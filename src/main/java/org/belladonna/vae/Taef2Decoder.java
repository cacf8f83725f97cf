package org.belladonna.vae;

import static org.belladonna.vae.Conv.conv;
import static org.belladonna.vae.Layers.clamp;
import static org.belladonna.vae.Layers.relu;
import static org.belladonna.vae.Layers.upsample;

/**
 * TAEF2 decoder: 32-channel latent to RGB (about [0, 1]; callers clamp for display) at 8x the
 * resolution. Index = state-dict key prefix; the parameter-free layers keep their indices.
 */
final class Taef2Decoder extends Sequential {
    Taef2Decoder() {
        add(clamp()).add(conv(Taef2Encoder.LATENT_CHANNELS, 64)).add(relu());
        add(Block.withPool(64)).add(Block.withPool(64)).add(Block.withPool(64));
        add(upsample()).add(conv(64, 64, 1, false));
        add(new Block(64)).add(new Block(64)).add(new Block(64));
        add(upsample()).add(conv(64, 64, 1, false));
        add(new Block(64)).add(new Block(64)).add(new Block(64));
        add(upsample()).add(conv(64, 64, 1, false));
        add(new Block(64));
        add(conv(64, 3));
    }
}
