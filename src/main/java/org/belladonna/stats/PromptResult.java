package org.belladonna.stats;

/**
 * One row of the per-prompt table. Every comparison is after versus before: negative % change, t and effect
 * sizes mean the scores dropped after poisoning.
 *
 * @param id               prompt id
 * @param text             prompt text
 * @param related          true for related prompts, false for controls
 * @param before           n, mean, sd and mean CI of the scores before poisoning
 * @param after            the same after poisoning
 * @param pctChange        100 · (mean after − mean before) / mean before
 * @param pctChangeCi      percentile bootstrap CI of pctChange (before and after resampled independently)
 * @param welchT           Welch's t statistic (after − before)
 * @param welchDf          Welch–Satterthwaite degrees of freedom
 * @param welchP           two-sided Welch p-value
 * @param welchPHolm       welchP Holm-adjusted across the prompts (the Welch family)
 * @param mannWhitneyU     Mann–Whitney U of after versus before (pairs after > before, ties count ½)
 * @param mannWhitneyP     two-sided Mann–Whitney p-value
 * @param mannWhitneyPHolm mannWhitneyP Holm-adjusted across the prompts (the Mann–Whitney family)
 * @param cliffsDelta      P(after > before) − P(after < before) over all image pairs, in [−1, 1]
 * @param cohensD          (mean after − mean before) / pooled sd
 */
public record PromptResult(
        String id, String text, boolean related,
        MeanSummary before, MeanSummary after,
        Value pctChange, Interval pctChangeCi,
        Value welchT, Value welchDf, Value welchP, Value welchPHolm,
        Value mannWhitneyU, Value mannWhitneyP, Value mannWhitneyPHolm,
        Value cliffsDelta, Value cohensD) {

    /** "related" or "control", as shown in tables. */
    public String group() {
        return related ? "related" : "control";
    }

    PromptResult withHolm(Value welchHolm, Value mannWhitneyHolm) {
        return new PromptResult(id, text, related, before, after, pctChange, pctChangeCi,
                welchT, welchDf, welchP, welchHolm, mannWhitneyU, mannWhitneyP, mannWhitneyHolm,
                cliffsDelta, cohensD);
    }
}
