package org.belladonna.protect;

/** The recipes a protection can run; each makes a fresh {@link Recipe} with its own defaults. */
public enum RecipeChoice {
    /** Ours: an L2 step rule with momentum under a PSNR floor and a contrast-masking budget map. */
    BELLADONNA,
    /** Ours, optimised through JPEG, resizing and noise (expectation over transformation). */
    ROBUST,
    /** The published baseline, for comparison. */
    NIGHTSHADE;

    public Recipe create() {
        return switch (this) {
            case BELLADONNA -> new BelladonnaRecipe();
            case ROBUST -> new RobustRecipe();
            case NIGHTSHADE -> new NightshadeRecipe();
        };
    }
}
