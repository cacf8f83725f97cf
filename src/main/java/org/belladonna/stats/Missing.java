package org.belladonna.stats;

/** Why a number is not reported; {@link #text()} is what a page or the CSV shows instead. */
public enum Missing {
    N_TOO_SMALL("n too small"),
    ZERO_VARIANCE("zero variance"),
    IDENTICAL_VALUES("all values identical"),
    ZERO_BASELINE("mean before is 0"),
    NO_PROMPTS("no eligible prompts");

    private final String text;

    Missing(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
