package org.belladonna.stats;

/**
 * How a prompt's before and after images are compared, which decides its primary test and intervals.
 * A page prints {@link #text()}; {@link #primaryTest()} names the test that is Holm-adjusted.
 */
public enum Design {
    /** Before and after images share seeds: each pair differs only by the poisoning. */
    PAIRED("paired by seed", "paired t-test"),
    /** No (or too few) shared seeds: the two variants are independent samples. */
    INDEPENDENT("independent samples", "Welch's t-test");

    private final String text;
    private final String primaryTest;

    Design(String text, String primaryTest) {
        this.text = text;
        this.primaryTest = primaryTest;
    }

    public String text() {
        return text;
    }

    public String primaryTest() {
        return primaryTest;
    }
}
