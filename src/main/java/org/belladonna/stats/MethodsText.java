package org.belladonna.stats;

import java.util.List;

/**
 * Plain-text paragraphs that say how every reported number was computed, with this analysis's own
 * settings filled in. No markup: pages escape and wrap each paragraph as they like.
 */
public final class MethodsText {
    private MethodsText() {
    }

    public static List<String> paragraphs(Analysis analysis) {
        AnalysisSettings s = analysis.settings();
        String conf = Numbers.fixed(s.confidencePercent(), 0) + " %";
        String alpha = Numbers.fixed(s.alpha(), 2);
        int related = (int) analysis.prompts().stream().filter(PromptResult::related).count();
        int control = analysis.prompts().size() - related;
        GroupComparison g = analysis.groups();
        int excluded = g.related().excluded() + g.control().excluded();
        return List.of(
                "Scores: every generated image was scored by " + analysis.experiment().scoringModel()
                        + ". For each prompt (" + related + " related to the poisoned concept, " + control
                        + " unrelated controls) we compare the images generated before poisoning with those"
                        + " generated after; every comparison is after minus before, so negative means lower"
                        + " scores after poisoning. n is the number of images per variant.",
                "Per prompt: mean and sample standard deviation (n - 1 denominator); the " + conf
                        + " confidence interval of each mean is mean ± t(" + Numbers.fixed(1 - s.alpha() / 2, 4) + ", n - 1) × sd / √n."
                        + " % change = 100 × (mean after - mean before) / mean before. Its " + conf
                        + " interval is a percentile bootstrap: " + s.resamples() + " resamples, before and after"
                        + " images resampled independently with replacement, quantiles by Hyndman-Fan type 7.",
                "Tests: Welch's two-sample t-test (unequal variances, Welch-Satterthwaite degrees of freedom)"
                        + " and the Mann-Whitney U test (exact p-value when there are no ties and both n < 50,"
                        + " otherwise the normal approximation with tie and continuity correction), both two-sided,"
                        + " from Apache Commons Statistics. Each family of p-values (Welch; Mann-Whitney) is"
                        + " Holm-adjusted separately across the prompts that could be tested, controlling the"
                        + " family-wise error rate at alpha = " + alpha + ". Effect sizes: Cliff's delta ="
                        + " P(after > before) - P(after < before) over all image pairs (= 2U / (n_before × n_after) - 1),"
                        + " and Cohen's d = difference of means / pooled sd.",
                "Groups: the related and the control mean % change are unweighted means of the per-prompt %"
                        + " changes, so each prompt counts once whatever its n; the difference is related minus"
                        + " control, in percentage points. Their " + conf + " intervals come from a hierarchical"
                        + " bootstrap (" + s.resamples() + " resamples): in each, the before and the after images"
                        + " of every prompt are resampled within that prompt, the per-prompt % changes, the group"
                        + " means and their difference are recomputed, and the percentile interval is taken."
                        + " Prompts are not resampled, so these intervals reflect image-level variation for these"
                        + " prompts only, not variation across possible prompts."
                        + (excluded == 0 ? "" : " " + excluded + " prompt(s) with too few images or a zero baseline"
                        + " are left out of the group means."),
                "Not reported: a cell says \"" + Missing.N_TOO_SMALL.text() + "\" instead of a number when a"
                        + " variant has fewer than " + s.minNSd() + " images (sd) or fewer than " + s.minNInference()
                        + " images (confidence intervals, tests, effect sizes, group means). Tests are not reported"
                        + " when all values are identical, and Welch's test and Cohen's d not when both variants have"
                        + " zero variance; % change is not reported when the mean before is 0.",
                "Reproducibility: bootstrap random numbers come from XoRoShiRo128++ (Apache Commons RNG) seeded"
                        + " with seed " + s.seed() + " and a stream number: the prompt id's Java string hash for a"
                        + " prompt's interval, 0 for the group intervals. The same scores and settings give the"
                        + " same numbers.");
    }
}
