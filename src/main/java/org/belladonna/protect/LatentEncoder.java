package org.belladonna.protect;

import ai.djl.ndarray.NDArray;

/**
 * A differentiable image encoder: RGB in [0, 1], NCHW float32 -> latent NCHW. The engine only needs
 * this function, so the loop can be tested with a tiny random network and run against TAEF2 in use.
 * Implementations must build the result from NDArray operations so gradients reach the input.
 */
@FunctionalInterface
public interface LatentEncoder {
    NDArray encode(NDArray rgb01);
}
