package org.belladonna.protect;

/** Called once per optimisation step, from the thread that runs the protection. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (step, total, loss, distance) -> { };

    /**
     * @param step     1-based number of the step just finished
     * @param total    steps planned
     * @param loss     the recipe's objective at this step (batch mean)
     * @param distance RMS latent distance to the target at the working size, before mapping to full
     *                 resolution (a progress indicator only; the report carries the delivered figure)
     */
    void onStep(int step, int total, double loss, double distance);
}
