package org.belladonna.protect;

/**
 * What the user chose. Presets first ({@link Intensity}, {@link Quality}), expert overrides on top:
 * a non-null {@code eps} (fraction of full scale, e.g. 10/255) replaces the intensity's budget, a
 * non-null {@code steps} replaces the quality's (or the recipe's own default, for Nightshade).
 *
 * @param workingSize  short side of the working resolution (default 512: what scrapers train at)
 * @param maxPixels    largest artwork accepted, in pixels
 * @param measureRobustness whether the report includes the robustness table (8 extra encoder passes)
 */
public record ProtectionSettings(Intensity intensity, Quality quality, boolean robust, RecipeChoice recipe,
                                 Double eps, Integer steps, int workingSize, long seed, long maxPixels,
                                 boolean measureRobustness) {
    public static final int DEFAULT_WORKING_SIZE = 512;
    public static final int MIN_SIDE = 64;
    public static final long DEFAULT_MAX_PIXELS = 64L * 1024 * 1024;

    /** The recipes the engine can run. */
    public enum RecipeChoice { BELLADONNA, NIGHTSHADE }

    public ProtectionSettings {
        if (intensity == null || quality == null || recipe == null) {
            throw new IllegalArgumentException("intensity, quality and recipe are required");
        }
        if (eps != null) {
            Budget.ofFraction(eps); // validates the range
        }
        if (steps != null && (steps < 1 || steps > 10_000)) {
            throw new IllegalArgumentException("steps must be 1..10000, got " + steps);
        }
        if (workingSize < MIN_SIDE || workingSize > 4096) {
            throw new IllegalArgumentException("working size must be " + MIN_SIDE + "..4096, got " + workingSize);
        }
        if (robust && recipe == RecipeChoice.NIGHTSHADE) {
            throw new IllegalArgumentException("robust mode applies to the belladonna recipe, not the nightshade baseline");
        }
    }

    public static ProtectionSettings defaults() {
        return new ProtectionSettings(Intensity.DEFAULT, Quality.DEFAULT, false, RecipeChoice.BELLADONNA,
                null, null, DEFAULT_WORKING_SIZE, 0L, DEFAULT_MAX_PIXELS, true);
    }

    /** The Nightshade baseline as published (500 steps), at the given budget. */
    public static ProtectionSettings nightshade(double eps) {
        return defaults().withRecipe(RecipeChoice.NIGHTSHADE).withEps(eps);
    }

    public ProtectionSettings withIntensity(Intensity v) {
        return new ProtectionSettings(v, quality, robust, recipe, eps, steps, workingSize, seed, maxPixels, measureRobustness);
    }

    public ProtectionSettings withQuality(Quality v) {
        return new ProtectionSettings(intensity, v, robust, recipe, eps, steps, workingSize, seed, maxPixels, measureRobustness);
    }

    public ProtectionSettings withRobust(boolean v) {
        return new ProtectionSettings(intensity, quality, v, recipe, eps, steps, workingSize, seed, maxPixels, measureRobustness);
    }

    public ProtectionSettings withRecipe(RecipeChoice v) {
        return new ProtectionSettings(intensity, quality, robust, v, eps, steps, workingSize, seed, maxPixels, measureRobustness);
    }

    public ProtectionSettings withEps(Double v) {
        return new ProtectionSettings(intensity, quality, robust, recipe, v, steps, workingSize, seed, maxPixels, measureRobustness);
    }

    public ProtectionSettings withSteps(Integer v) {
        return new ProtectionSettings(intensity, quality, robust, recipe, eps, v, workingSize, seed, maxPixels, measureRobustness);
    }

    public ProtectionSettings withWorkingSize(int v) {
        return new ProtectionSettings(intensity, quality, robust, recipe, eps, steps, v, seed, maxPixels, measureRobustness);
    }

    public ProtectionSettings withSeed(long v) {
        return new ProtectionSettings(intensity, quality, robust, recipe, eps, steps, workingSize, v, maxPixels, measureRobustness);
    }

    public ProtectionSettings withMaxPixels(long v) {
        return new ProtectionSettings(intensity, quality, robust, recipe, eps, steps, workingSize, seed, v, measureRobustness);
    }

    public ProtectionSettings withMeasureRobustness(boolean v) {
        return new ProtectionSettings(intensity, quality, robust, recipe, eps, steps, workingSize, seed, maxPixels, v);
    }

    /** The recipe these settings select. */
    public Recipe resolveRecipe() {
        if (recipe == RecipeChoice.NIGHTSHADE) {
            return new NightshadeRecipe();
        }
        return robust ? new RobustRecipe() : new BelladonnaRecipe();
    }

    public Budget budget() {
        return eps != null ? Budget.ofFraction(eps) : intensity.budget();
    }

    public int resolveSteps() {
        if (steps != null) {
            return steps;
        }
        return recipe == RecipeChoice.NIGHTSHADE ? NightshadeRecipe.STEPS : quality.steps();
    }
}
