package org.belladonna.stats;

/** Why a number is not reported; {@link #text()} is what a page or the CSV shows instead. */
public enum Missing {
    N_TOO_SMALL("n too small"),
    ZERO_VARIANCE("zero variance"),
    IDENTICAL_VALUES("all values identical"),
    ZERO_BASELINE("mean before is 0"),
    NO_PROMPTS("no eligible prompts"),
    /** The prompt's before and after images share too few seeds for a paired analysis. */
    NOT_PAIRED("no seed pairs"),
    /** A secondary test's p-value is shown unadjusted; only the primary test is Holm-adjusted. */
    SECONDARY("secondary test, not adjusted"),
    /** Fieller's set is not a finite interval: the mean before is not clearly above 0 at this n. */
    UNBOUNDED("interval unbounded: mean before not clearly above 0"),
    ALL_DIFFERENCES_ZERO("every pair difference is 0"),
    /** Resampling prompts needs at least two prompts in each group. */
    TOO_FEW_PROMPTS("fewer than 2 prompts in a group");

    private final String text;

    Missing(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
