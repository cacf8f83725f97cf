package org.belladonna.protect;

import ai.djl.ndarray.NDArray;

/**
 * Where the perturbation d may go: |d| <= eps * share per pixel and channel (L-inf, share in (0, 1]
 * from the recipe's budget map), and, optionally, RMS(d) <= rmsRadius per image (an L2 ball: a PSNR
 * floor, since PSNR = -20 log10(RMS) for RMS in units of full scale).
 *
 * @param share     (N, 1, h, w) share of the budget per pixel
 * @param rmsRadius RMS bound per image, or +infinity for none
 */
record Constraint(double eps, NDArray share, double rmsRadius) {

    /** The RMS that gives this PSNR in dB on a full-scale-1 signal. */
    static double rmsForPsnr(double psnr) {
        return Math.pow(10, -psnr / 20);
    }

    /** Scales each image's d into the RMS ball, then clips into the per-pixel box (which only shrinks it). */
    NDArray project(NDArray d) {
        NDArray scaled = d;
        if (Double.isFinite(rmsRadius)) {
            long n = d.getShape().get(0);
            NDArray rms = d.reshape(n, -1).square().mean(new int[] {1}).sqrt();
            NDArray factor = rms.add(1e-12).pow(-1).mul(rmsRadius).minimum(1).reshape(n, 1, 1, 1);
            scaled = d.mul(factor);
        }
        NDArray bound = share.mul(eps);
        return scaled.maximum(bound.neg()).minimum(bound);
    }
}
