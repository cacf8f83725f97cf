package org.belladonna.stats;

/**
 * A prompt's analysis of its seed pairs: the primary analysis when {@link PromptResult#design()} is
 * {@link Design#PAIRED}. Every difference is after − before of the same seed.
 *
 * @param pairs            images matched by seed (each pair counts once)
 * @param unpairedBefore   before images whose seed has no after image, left out of these numbers
 * @param unpairedAfter    after images whose seed has no before image, left out of these numbers
 * @param meanDifference   mean of the pair differences, in score points
 * @param meanDifferenceCi paired t interval: mean ± t(1 − alpha/2, n − 1) · sd / √n of the differences
 * @param t                paired t statistic
 * @param df               its degrees of freedom, pairs − 1
 * @param p                two-sided paired t p-value (the primary test of a paired prompt)
 * @param wilcoxonW        Wilcoxon signed-rank W+: sum of the ranks of |difference| over positive differences
 * @param wilcoxonP        two-sided Wilcoxon signed-rank p-value (secondary, unadjusted)
 * @param wilcoxonMethod   how wilcoxonP was computed
 */
public record PairedTests(int pairs, int unpairedBefore, int unpairedAfter,
                          Value meanDifference, Interval meanDifferenceCi,
                          Value t, Value df, Value p,
                          Value wilcoxonW, Value wilcoxonP, PValueKind wilcoxonMethod) {

    /** No paired analysis, and why (no shared seeds, or too few pairs). */
    static PairedTests none(Pairs pairs, Missing why) {
        Value v = Value.missing(why);
        return new PairedTests(pairs.n(), pairs.unpairedBefore(), pairs.unpairedAfter(), v, Interval.missing(why),
                v, v, v, v, v, PValueKind.NONE);
    }
}
