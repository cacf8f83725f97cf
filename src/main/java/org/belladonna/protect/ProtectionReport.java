package org.belladonna.protect;

import java.util.List;

/**
 * What protecting one artwork achieved, measured on the delivered 8-bit image (downscaled to the
 * working size and re-encoded), never on the optimiser's internal state. Distances are RMS over the
 * latent's elements.
 *
 * @param distanceToTargetBefore  d(E(original), target)
 * @param distanceToTargetAfter   d(E(delivered), target)
 * @param percentMoved            100 * (before - after) / before: how far of the way to the target
 * @param distanceFromOriginal    d(E(delivered), E(original))
 * @param psnr                    dB, delivered vs original at full resolution, 8-bit RGB
 * @param ssim                    mean SSIM on luma (Wang et al. 2004), full resolution
 * @param maxPixelChange          largest change of any channel, 8-bit levels (never above epsLevels)
 * @param anchorIndex             which of the concept's anchors served as the target
 * @param robustness              see {@link Robustness}; empty when not measured
 * @param protectSeconds          wall time of the optimisation (including the target's encoding)
 * @param verifySeconds           wall time of the verification and robustness measurements
 */
public record ProtectionReport(String recipe, String concept, int width, int height, int workingWidth,
                               int workingHeight, int epsLevels, int steps, boolean robust, long seed,
                               double distanceToTargetBefore, double distanceToTargetAfter,
                               double percentMoved, double distanceFromOriginal, double psnr, double ssim,
                               int maxPixelChange, int anchorIndex, List<Robustness.Row> robustness,
                               double protectSeconds, double verifySeconds, String device) {

    /** The smallest retained share across the robustness table (NaN if not measured). */
    public double worstRetainedPercent() {
        return robustness.stream().mapToDouble(Robustness.Row::retainedPercent).min().orElse(Double.NaN);
    }
}
