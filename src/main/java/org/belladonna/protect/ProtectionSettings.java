package org.belladonna.protect;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.belladonna.vae.Family;

import java.util.LinkedHashSet;
import java.util.List;

/**
 * What the user chose. Presets first ({@link Intensity}, {@link Effort}), expert overrides on top: a
 * non-null {@code eps} (fraction of full scale, e.g. 10/255) replaces the intensity's budget, a non-null
 * {@code steps} replaces the recipe's default (see each recipe).
 *
 * @param workingSize  short side of the working resolution (default 512: what scrapers train at)
 * @param maxPixels    largest artwork accepted, in pixels
 * @param measureRobustness whether the report includes the robustness table (8 extra encoder passes per family)
 * @param families     surrogate family ids to optimise against (e.g. "taef2", "taesana"), or null for every
 *                     installed one
 * @param views        whether to render what each family with a decoder sees (at the working size)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProtectionSettings(Intensity intensity, Effort effort, RecipeChoice recipe, Double eps, Integer steps,
                                 int workingSize, long seed, long maxPixels, boolean measureRobustness,
                                 List<String> families, boolean views) {
    public static final int DEFAULT_WORKING_SIZE = 512;
    public static final int MIN_SIDE = 64;
    public static final long DEFAULT_MAX_PIXELS = 64L * 1024 * 1024;

    public ProtectionSettings {
        if (intensity == null || effort == null || recipe == null) {
            throw new IllegalArgumentException("intensity, effort and recipe are required");
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
        if (families != null) {
            if (families.isEmpty()) {
                throw new IllegalArgumentException("choose at least one surrogate family to protect against");
            }
            families.forEach(Family::byId); // refuses an unknown id, listing the known ones
            families = List.copyOf(new LinkedHashSet<>(families));
        }
    }

    /**
     * Reads stored settings, including those written before the robust flag became a recipe and effort was
     * called quality.
     */
    @JsonCreator
    static ProtectionSettings fromJson(@JsonProperty("intensity") Intensity intensity,
                                       @JsonProperty("effort") @JsonAlias("quality") Effort effort,
                                       @JsonProperty("recipe") RecipeChoice recipe,
                                       @JsonProperty("robust") boolean robust,
                                       @JsonProperty("eps") Double eps, @JsonProperty("steps") Integer steps,
                                       @JsonProperty("workingSize") int workingSize, @JsonProperty("seed") long seed,
                                       @JsonProperty("maxPixels") long maxPixels,
                                       @JsonProperty("measureRobustness") boolean measureRobustness,
                                       @JsonProperty("families") List<String> families,
                                       @JsonProperty("views") Boolean views) {
        RecipeChoice chosen = robust && recipe == RecipeChoice.BELLADONNA ? RecipeChoice.ROBUST : recipe;
        return new ProtectionSettings(intensity, effort, chosen, eps, steps, workingSize, seed, maxPixels,
                measureRobustness, families, views == null || views);
    }

    public static ProtectionSettings defaults() {
        return new ProtectionSettings(Intensity.DEFAULT, Effort.DEFAULT, RecipeChoice.BELLADONNA, null, null,
                DEFAULT_WORKING_SIZE, 0L, DEFAULT_MAX_PIXELS, true, null, true);
    }

    /** The Nightshade baseline with its own defaults (see {@link NightshadeRecipe}), at the given budget. */
    public static ProtectionSettings nightshade(double eps) {
        return defaults().withRecipe(RecipeChoice.NIGHTSHADE).withEps(eps);
    }

    public ProtectionSettings withIntensity(Intensity v) {
        return new ProtectionSettings(v, effort, recipe, eps, steps, workingSize, seed, maxPixels, measureRobustness, families, views);
    }

    public ProtectionSettings withEffort(Effort v) {
        return new ProtectionSettings(intensity, v, recipe, eps, steps, workingSize, seed, maxPixels, measureRobustness, families, views);
    }

    public ProtectionSettings withRecipe(RecipeChoice v) {
        return new ProtectionSettings(intensity, effort, v, eps, steps, workingSize, seed, maxPixels, measureRobustness, families, views);
    }

    public ProtectionSettings withEps(Double v) {
        return new ProtectionSettings(intensity, effort, recipe, v, steps, workingSize, seed, maxPixels, measureRobustness, families, views);
    }

    public ProtectionSettings withSteps(Integer v) {
        return new ProtectionSettings(intensity, effort, recipe, eps, v, workingSize, seed, maxPixels, measureRobustness, families, views);
    }

    public ProtectionSettings withWorkingSize(int v) {
        return new ProtectionSettings(intensity, effort, recipe, eps, steps, v, seed, maxPixels, measureRobustness, families, views);
    }

    public ProtectionSettings withSeed(long v) {
        return new ProtectionSettings(intensity, effort, recipe, eps, steps, workingSize, v, maxPixels, measureRobustness, families, views);
    }

    public ProtectionSettings withMeasureRobustness(boolean v) {
        return new ProtectionSettings(intensity, effort, recipe, eps, steps, workingSize, seed, maxPixels, v, families, views);
    }

    /** Surrogate family ids to optimise against, or null for every installed one. */
    public ProtectionSettings withFamilies(List<String> v) {
        return new ProtectionSettings(intensity, effort, recipe, eps, steps, workingSize, seed, maxPixels, measureRobustness, v, views);
    }

    public ProtectionSettings withViews(boolean v) {
        return new ProtectionSettings(intensity, effort, recipe, eps, steps, workingSize, seed, maxPixels, measureRobustness, families, v);
    }

    /** The families to optimise against: the chosen ones, or {@code installed} when none were chosen. */
    public List<Family> familiesOr(List<Family> installed) {
        return families == null ? installed : families.stream().map(Family::byId).toList();
    }

    /** The L-inf budget: the expert's eps, else the intensity's. */
    public Budget budget() {
        return eps != null ? Budget.ofFraction(eps) : intensity.budget();
    }

    /** The expert's step count, else the recipe's default for the effort. */
    public int resolveSteps() {
        return steps != null ? steps : recipe.create().defaultSteps(effort);
    }
}
