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
     * @return N x C x ceil(H / s) x ceil(W / s). It and every intermediate belong to {@code rgb}'s
     *         manager: in a loop, run each step in a sub-manager (create or {@code tempAttach} the
     *         input there) so memory is freed per step
     */
    NDArray encode(NDArray rgb);

    /** Floating-point operations of one forward pass on one H x W image (convolutions only). */
    long forwardFlops(int height, int width);

    @Override
    void close();
}
