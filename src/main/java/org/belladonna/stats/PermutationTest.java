package org.belladonna.stats;

/**
 * Permutation test of related versus control prompts, prompts as the units: the statistic is the difference
 * of the two groups' mean prompt-level % change, and the null distribution relabels which prompts are related.
 *
 * @param p      two-sided p-value, 2 · min(P(D ≤ d), P(D ≥ d)) capped at 1 (SciPy's permutation_test convention)
 * @param method {@link PValueKind#EXACT_ALL_SPLITS} or {@link PValueKind#MONTE_CARLO}
 * @param splits splits enumerated (exact) or drawn (Monte Carlo); 0 when there is no test
 */
public record PermutationTest(Value p, PValueKind method, long splits) {

    static PermutationTest missing(Missing why) {
        return new PermutationTest(Value.missing(why), PValueKind.NONE, 0);
    }
}
