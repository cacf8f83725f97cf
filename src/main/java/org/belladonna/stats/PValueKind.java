package org.belladonna.stats;

/** How a p-value was computed, so that a page can print it beside the number. */
public enum PValueKind {
    /** From the test's exact null distribution (no ties). */
    EXACT("exact"),
    /** Exact permutation distribution of the rank statistic with the observed ties (midranks). */
    EXACT_WITH_TIES("exact permutation distribution with ties"),
    /** Exact: every split of the units was enumerated. */
    EXACT_ALL_SPLITS("exact, all splits enumerated"),
    /** Seeded random splits, p = (count + 1) / (splits + 1). */
    MONTE_CARLO("Monte Carlo permutation"),
    NORMAL_NO_CORRECTION("normal approximation, no continuity correction"),
    NORMAL_WITH_CORRECTION("normal approximation with continuity correction"),
    /** The p-value is missing; its Value says why. */
    NONE("not computed");

    private final String text;

    PValueKind(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
