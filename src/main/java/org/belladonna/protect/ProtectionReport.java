package org.belladonna.protect;

import java.util.List;

/**
 * What protecting one artwork achieved, measured on the delivered 8-bit image (downscaled to the
 * working size and re-encoded), never on the optimiser's internal state. Distances are RMS over the
 * latent's elements. The top-level figures are the primary family's (the first optimised, TAEF2 by
 * default); {@link #families} has every family measured and {@link #notCovered} the ones not installed.
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
 * @param families                every family measured: optimised ones first, then the held-out ones
 * @param notCovered              families whose encoder is not installed here, so neither optimised nor measured
 */
public record ProtectionReport(String recipe, String concept, int width, int height, int workingWidth,
                               int workingHeight, int epsLevels, int steps, boolean robust, long seed,
                               double distanceToTargetBefore, double distanceToTargetAfter,
                               double percentMoved, double distanceFromOriginal, double psnr, double ssim,
                               int maxPixelChange, int anchorIndex, List<Robustness.Row> robustness,
                               double protectSeconds, double verifySeconds, String device,
                               List<FamilyCoverage> families, List<NotCovered> notCovered) {

    public ProtectionReport {
        robustness = robustness == null ? List.of() : List.copyOf(robustness);
        families = families == null ? List.of() : List.copyOf(families);   // reports stored before families existed
        notCovered = notCovered == null ? List.of() : List.copyOf(notCovered);
    }

    /**
     * How one family's view of the protected image moved.
     *
     * @param family    stable id, e.g. "taef2"
     * @param optimised true when the protection was optimised against it, false when it is held out
     */
    public record FamilyCoverage(String family, String name, String generators, boolean optimised,
                                 double distanceBefore, double distanceAfter, double percentMoved,
                                 double distanceFromOriginal, List<Robustness.Row> robustness) {
        public FamilyCoverage {
            robustness = robustness == null ? List.of() : List.copyOf(robustness);
        }

        public String role() {
            return optimised ? "optimised" : "held out";
        }

        /** The smallest meaningful kept share, or NaN when none is (see {@link Robustness}). */
        public double worstRetainedPercent() {
            return worst(robustness);
        }

        /** The worst kept share as people read it: "60 %", or why there is none. */
        public String worstKept() {
            if (robustness.isEmpty()) {
                return "not measured";
            }
            double w = worstRetainedPercent();
            return Double.isNaN(w) ? "not meaningful: too small a move to keep" : String.format(java.util.Locale.ROOT, "%.0f %%", w);
        }
    }

    /** A family that is not installed here, and the command that installs it. */
    public record NotCovered(String family, String name, String generators, String installCommand) {
    }

    /** The smallest meaningful kept share across the primary family's robustness table (NaN if none). */
    public double worstRetainedPercent() {
        return worst(robustness);
    }

    private static double worst(List<Robustness.Row> rows) {
        return rows.stream().filter(Robustness.Row::meaningful).mapToDouble(Robustness.Row::retainedPercent)
                .min().orElse(Double.NaN);
    }
}
