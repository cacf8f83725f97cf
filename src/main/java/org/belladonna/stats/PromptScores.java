package org.belladonna.stats;

import java.util.Objects;

/**
 * Aesthetic scores of the images generated for one prompt, before and after the model was
 * fine-tuned on poisoned data.
 *
 * @param id      stable prompt id (also seeds this prompt's bootstrap stream)
 * @param text    the prompt as shown to people
 * @param related true for prompts related to the poisoned concept, false for unrelated controls
 * @param before  one score per image generated before poisoning
 * @param after   one score per image generated after poisoning
 */
public record PromptScores(String id, String text, boolean related, double[] before, double[] after) {

    public PromptScores {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        before = checkedCopy(before, "before");
        after = checkedCopy(after, "after");
    }

    /** Copies so that nobody can change the scores behind an analysis; arrays are returned as copies too. */
    @Override
    public double[] before() {
        return before.clone();
    }

    @Override
    public double[] after() {
        return after.clone();
    }

    private static double[] checkedCopy(double[] scores, String name) {
        Objects.requireNonNull(scores, name);
        for (double s : scores) {
            if (!Double.isFinite(s)) {
                throw new IllegalArgumentException(name + " scores must be finite, got " + s);
            }
        }
        return scores.clone();
    }
}
