package org.belladonna.stats;

/**
 * One row of the per-prompt table. Every comparison is after versus before: negative % change, t, differences
 * and effect sizes mean the scores dropped after poisoning.
 *
 * <p>{@link #design()} says which analysis is primary: for a {@link Design#PAIRED} prompt the seed pairs
 * ({@link #paired()}: paired t, Wilcoxon signed-rank, paired intervals), otherwise the independent-sample
 * Welch test. Only the primary p-value is Holm-adjusted ({@link #primaryPHolm()}); the other tests are
 * secondary and shown unadjusted (their Holm fields say {@link Missing#SECONDARY}).
 *
 * @param id                prompt id
 * @param text              prompt text
 * @param related           true for related prompts, false for controls
 * @param before            n, mean, sd and mean CI of all scores before poisoning
 * @param after             the same after poisoning
 * @param pctChange         100 · (mean after − mean before) / mean before; over the seed pairs when paired
 *                          (the same as over all images when every image has its pair)
 * @param pctChangeCi       Fieller's CI of pctChange (paired: with the pair covariance, n − 1 df; independent:
 *                          Welch–Satterthwaite df); missing below minNInference
 * @param welchT            Welch's t statistic (after − before), all images
 * @param welchDf           Welch–Satterthwaite degrees of freedom
 * @param welchP            two-sided Welch p-value
 * @param welchPHolm        welchP Holm-adjusted when Welch is the primary test, else {@link Missing#SECONDARY}
 * @param mannWhitneyU      Mann–Whitney U of after versus before (pairs after > before, ties count ½)
 * @param mannWhitneyP      two-sided Mann–Whitney p-value (secondary)
 * @param mannWhitneyPHolm  always {@link Missing#SECONDARY} (or the reason there is no test)
 * @param cliffsDelta       P(after > before) − P(after < before) over all image pairs, in [−1, 1]
 * @param cohensD           (mean after − mean before) / pooled sd, all images
 * @param design            paired by seed, or independent samples
 * @param paired            the paired analysis (its values say {@link Missing#NOT_PAIRED} when there is none)
 * @param meanDifference    primary difference in score points: paired mean difference, or mean after − mean before
 * @param meanDifferenceCi  its CI: paired t interval, or Welch interval
 * @param welchCi           Welch CI of mean after − mean before over all images (shown for every design)
 * @param primaryP          p-value of the primary test: paired t when paired, else Welch
 * @param primaryPHolm      primaryP Holm-adjusted over the family of every prompt's primary p
 * @param mannWhitneyMethod how mannWhitneyP was computed
 * @param hedgesG           Cohen's d × (1 − 3 / (4 (n_before + n_after) − 9)), small-sample corrected
 * @param hedgesGCi         noncentral t CI of hedgesG (see the methods text)
 */
public record PromptResult(
        String id, String text, boolean related,
        MeanSummary before, MeanSummary after,
        Value pctChange, Interval pctChangeCi,
        Value welchT, Value welchDf, Value welchP, Value welchPHolm,
        Value mannWhitneyU, Value mannWhitneyP, Value mannWhitneyPHolm,
        Value cliffsDelta, Value cohensD,
        Design design, PairedTests paired,
        Value meanDifference, Interval meanDifferenceCi, Interval welchCi,
        Value primaryP, Value primaryPHolm,
        PValueKind mannWhitneyMethod,
        Value hedgesG, Interval hedgesGCi) {

    /** "related" or "control", as shown in tables. */
    public String group() {
        return related ? "related" : "control";
    }

    /** Name of the primary test, e.g. "paired t-test". */
    public String primaryTest() {
        return design.primaryTest();
    }

    /** Fills the Holm columns: the primary family's adjusted p; secondary tests stay unadjusted. */
    PromptResult withHolm(Value primaryHolm) {
        Value welchHolm = !welchP.isPresent() ? welchP
                : design == Design.INDEPENDENT ? primaryHolm : Value.missing(Missing.SECONDARY);
        Value mwHolm = mannWhitneyP.isPresent() ? Value.missing(Missing.SECONDARY) : mannWhitneyP;
        return new PromptResult(id, text, related, before, after, pctChange, pctChangeCi,
                welchT, welchDf, welchP, welchHolm, mannWhitneyU, mannWhitneyP, mwHolm,
                cliffsDelta, cohensD, design, paired, meanDifference, meanDifferenceCi, welchCi,
                primaryP, primaryHolm, mannWhitneyMethod, hedgesG, hedgesGCi);
    }
}
