package org.belladonna.vae;

import ai.djl.ndarray.NDArray;

/**
 * An image encoder the protection engine attacks: RGB in [0, 1] to latents. {@link #encode} is
 * differentiable, so within a {@code GradientCollector} gradients reach the input pixels.
 */
public interface Surrogate extends AutoCloseable {
    /** Manifest id of the weights, e.g. {@code taef2-encoder}. */
    String id();

    /** Spatial reduction factor (8 for TAEF2, 32 for TAESana). */
    int downscale();

    int latentChannels();

    /**
     * @param rgb N x 3 x H x W float32 in [0, 1], any H and W; sides that are not multiples of
     *            {@link #downscale()} are edge-padded (see {@link EdgePadding})
     * @return N x C x ceil(H / s) x ceil(W / s), owned by {@code rgb}'s manager
     */
    NDArray encode(NDArray rgb);

    @Override
    void close();
}
