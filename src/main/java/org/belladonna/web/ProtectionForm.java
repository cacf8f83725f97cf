package org.belladonna.web;

import io.javalin.http.BadRequestResponse;
import org.belladonna.protect.Intensity;
import org.belladonna.protect.ProtectionSettings;
import org.belladonna.protect.Effort;
import org.belladonna.protect.RecipeChoice;

import java.util.List;
import java.util.Locale;

/** The protect form's presets and expert overrides, read into the engine's settings; bad values are a 400. */
final class ProtectionForm {
    /** Expert budget bounds, in 8-bit levels (the presets use 6, 10 and 16). */
    static final int MIN_LEVELS = 1;
    static final int MAX_LEVELS = 32;

    private ProtectionForm() {
    }

    static ProtectionSettings settings(MultipartForm form) {
        ProtectionSettings s = ProtectionSettings.defaults()
                .withIntensity(choice(form, "intensity", Intensity.class, Intensity.DEFAULT))
                .withEffort(choice(form, "quality", Effort.class, Effort.DEFAULT))
                .withRecipe(form.field("robust") != null ? RecipeChoice.ROBUST : RecipeChoice.BELLADONNA)
                .withViews(form.field("views") != null);
        List<String> families = form.fields("families");
        if (!families.isEmpty()) {
            try {
                s = s.withFamilies(families);
            } catch (IllegalArgumentException e) {
                throw new BadRequestResponse(e.getMessage());
            }
        }
        Long steps = number(form, "steps", 1, 10_000);
        if (steps != null) {
            s = s.withSteps(steps.intValue());
        }
        Long levels = number(form, "eps", MIN_LEVELS, MAX_LEVELS);
        if (levels != null) {
            s = s.withEps(levels / 255.0);
        }
        Long workingSize = number(form, "working-size", ProtectionSettings.MIN_SIDE, 4096);
        if (workingSize != null) {
            s = s.withWorkingSize(workingSize.intValue());
        }
        Long seed = number(form, "seed", 0, Long.MAX_VALUE);
        if (seed != null) {
            s = s.withSeed(seed);
        }
        return s;
    }

    static long conceptId(MultipartForm form) {
        Long id = number(form, "concept", 1, Long.MAX_VALUE);
        if (id == null) {
            throw new IllegalArgumentException("Choose a target concept.");
        }
        return id;
    }

    private static <E extends Enum<E>> E choice(MultipartForm form, String field, Class<E> type, E fallback) {
        String raw = form.field(field);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, raw.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown " + field + " \"" + raw + "\".");
        }
    }

    /** An optional whole number within bounds; blank means "use the preset". */
    private static Long number(MultipartForm form, String field, long min, long max) {
        String raw = form.field(field);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            long value = Long.parseLong(raw.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("The " + field + " must be a whole number from " + min + " to " + max + ".");
    }
}
