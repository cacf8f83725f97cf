package org.belladonna.protect;

import ai.djl.ndarray.NDArray;

/** Latent distances as reported everywhere: root-mean-square over all latent elements, batch mean. */
final class Distances {
    private Distances() {
    }

    /**
     * RMS of (a - b) per sample, averaged over the batch. RMS rather than the raw L2 norm so that figures
     * from different image sizes compare; ratios (% moved) are the same either way.
     */
    static double rms(NDArray a, NDArray b) {
        NDArray diff = a.sub(b);
        // PyTorch's mean over several axes is not exposed by DJL: flatten each sample first
        return diff.reshape(diff.getShape().get(0), -1).square().mean(new int[] {1}).sqrt().mean().getFloat();
    }
}
