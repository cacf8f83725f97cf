package org.belladonna.protect;

import ai.djl.ndarray.NDArray;

import java.util.SplittableRandom;

/**
 * One protection recipe: what is minimised, how a step is taken, where the budget is spent, what the
 * encoder is shown, and the recipe's defaults. The loop itself ({@link PgdLoop}) is shared; a recipe only
 * fills these in. Each recipe documents itself in one place, in this order: the paper it follows, the
 * distance it bounds, its arguments with their defaults, and the shapes it works on.
 */
public abstract class Recipe {

    /** Name written into reports, e.g. "belladonna" or "nightshade". */
    public abstract String name();

    /** Steps when the user gives no explicit count: from the effort preset, or the recipe's published count. */
    public abstract int defaultSteps(Effort effort);

    /** A fresh update rule for one run of {@code steps} steps inside {@code constraint}. */
    abstract Stepper stepper(Constraint constraint, int steps);

    /**
     * RMS bound on the perturbation (see {@link Constraint}) at this intensity, or +infinity for none
     * (the L-inf budget alone).
     */
    double rmsRadius(Intensity intensity) {
        return Double.POSITIVE_INFINITY;
    }

    /**
     * Objective to minimise, summed over the batch: by default the L2 distance between each image's
     * latent and its target (Nightshade's loss; Shan et al. 2024, eq. 3).
     */
    NDArray loss(NDArray latent, NDArray target) {
        NDArray diff = latent.sub(target);
        return diff.reshape(diff.getShape().get(0), -1).square().sum(new int[] {1}).sqrt().sum();
    }

    /**
     * Per-pixel share of the budget, shape (N, 1, h, w) with values in (0, 1], computed once from the
     * working image; null = the whole budget everywhere.
     */
    float[] budgetShare(Planes working) {
        return null;
    }

    /** What the encoder sees of the candidate this step: identity, or a random transformation (EOT). */
    NDArray view(NDArray candidate, SplittableRandom random) {
        return candidate;
    }

    /** An update rule with its own state (momentum, schedule). */
    interface Stepper {
        /** The next (not yet projected) perturbation from the current one and the loss gradient. */
        NDArray next(NDArray delta, NDArray gradient, int step);

        /** Releases any state arrays. */
        default void close() {
        }
    }
}
