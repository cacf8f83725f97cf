package org.belladonna.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * Plain-text paragraphs that say how every reported number was computed, with this analysis's own
 * settings filled in. No markup: pages escape and wrap each paragraph as they like.
 */
public final class MethodsText {
    /** Said in place of the scorer description when the caller has none to give. */
    public static final String NO_SCORER_DESCRIPTION = "[scorer description not supplied: model, weight"
            + " checksum or version pin, and image preprocessing]";

    private MethodsText() {
    }

    public static List<String> paragraphs(Analysis analysis) {
        return paragraphs(analysis, null);
    }

    /**
     * @param scorerDescription what the caller knows about the scorer: model, weight pin, preprocessing (e.g.
     *                          "NIMA VGG16 (AVA), weights sha256 1a2b…, resized to 256, centre-cropped to 224,
     *                          ImageNet normalisation"); null or blank prints {@link #NO_SCORER_DESCRIPTION}
     */
    public static List<String> paragraphs(Analysis analysis, String scorerDescription) {
        AnalysisSettings s = analysis.settings();
        String conf = Numbers.fixed(s.confidencePercent(), 0) + " %";
        String alpha = Numbers.fixed(s.alpha(), 2);
        String tq = "t(" + Numbers.fixed(1 - s.alpha() / 2, 4) + ", df)";
        int related = (int) analysis.prompts().stream().filter(PromptResult::related).count();
        int control = analysis.prompts().size() - related;
        long paired = analysis.count(Design.PAIRED);
        long independent = analysis.count(Design.INDEPENDENT);
        long tested = analysis.prompts().stream().filter(r -> r.primaryP().isPresent()).count();
        int unpaired = analysis.prompts().stream().filter(r -> r.design() == Design.PAIRED)
                .mapToInt(r -> r.paired().unpairedBefore() + r.paired().unpairedAfter()).sum();
        GroupComparison g = analysis.groups();
        int excluded = g.related().excluded() + g.control().excluded();
        String scorer = scorerDescription == null || scorerDescription.isBlank()
                ? NO_SCORER_DESCRIPTION : scorerDescription.strip();

        List<String> out = new ArrayList<>();
        out.add("Scores: every generated image was scored by " + analysis.experiment().scoringModel()
                + ". Scorer: " + scorer + ". For each prompt (" + related + " related to the poisoned concept, "
                + control + " unrelated controls) we compare the images generated before poisoning with those"
                + " generated after; every comparison is after minus before, so negative means lower"
                + " scores after poisoning. n is the number of images per variant.");
        out.add("Design: a prompt is analysed as paired when at least " + s.minNInference() + " of its before and"
                + " after images share a generation seed; each seed pair differs only by the poisoning, so the"
                + " pair differences are the primary data. Otherwise its two variants are independent samples."
                + " In this analysis " + paired + " prompt(s) are paired and " + independent + " independent."
                + (unpaired == 0 ? "" : " " + unpaired + " image(s) of paired prompts have no partner with the"
                + " same seed and are not used by the paired numbers (they still count in the means and the"
                + " independent-sample tests)."));
        out.add("Per prompt: mean and sample standard deviation (n - 1 denominator); the " + conf
                + " confidence interval of each mean is mean ± " + tq + " × sd / √n, df = n - 1."
                + " % change = 100 × (mean after - mean before) / mean before (over the seed pairs for a paired"
                + " prompt). Its " + conf + " interval is Fieller's interval for the ratio of the two means:"
                + " the ratios r for which mean after - r × mean before is not significantly different from 0."
                + " For pairs the variance of that contrast uses the covariance of the pair scores, with"
                + " n - 1 df; for independent samples it uses Welch-Satterthwaite df at the estimated ratio."
                + " When the mean before is not clearly above 0 the set is unbounded and no interval is shown.");
        out.add("Primary test: for a paired prompt the paired t-test of the differences, for an independent prompt"
                + " Welch's two-sample t-test (unequal variances, Welch-Satterthwaite df); both two-sided, from"
                + " Apache Commons Statistics. Multiplicity: Holm's step-down adjustment over one family, the"
                + " primary p-value of every prompt of this experiment that could be tested (" + tested + " here),"
                + " controlling the family-wise error rate at alpha = " + alpha + ". Secondary tests, shown"
                + " unadjusted: Welch's t-test for paired prompts; the Mann-Whitney U test (exact p without ties"
                + " and both n < " + RankTests.MANN_WHITNEY_EXACT_BELOW + "; with ties and both n < "
                + RankTests.MANN_WHITNEY_EXACT_BELOW + ", the exact permutation distribution of the midrank sum;"
                + " otherwise the normal approximation with tie and continuity correction); for paired prompts"
                + " the Wilcoxon signed-rank test of the differences (zero differences dropped; exact p for at most "
                + RankTests.WILCOXON_EXACT_MAX + " pairs without zero or tied differences, otherwise the normal"
                + " approximation with tie correction and no continuity correction). All two-sided.");
        out.add("Effect sizes: the mean difference in score points with its " + conf + " interval (paired t"
                + " interval mean ± " + tq + " × sd / √n of the pair differences for a paired prompt, Welch interval"
                + " otherwise); Cohen's d = difference of means / pooled sd; Hedges' g = d × (1 - 3 / (4"
                + " (n_before + n_after) - 9)), with a " + conf + " interval from the noncentral t distribution,"
                + " scaled by the same factor (independent: inverting the pooled-variance t, exact for d under"
                + " normality with equal variances; paired: inverting the paired t and rescaling by sd of the"
                + " differences / pooled sd, an approximation that falls short of " + conf + " with few, strongly"
                + " correlated pairs); Cliff's delta = P(after > before) - P(after < before) over all image pairs"
                + " (= 2U / (n_before × n_after) - 1).");
        out.add("Groups, with prompts as the units: each prompt's % change counts once whatever its n; the"
                + " related and the control mean % change are unweighted means over prompts and the difference is"
                + " related minus control, in percentage points. Test: a permutation test of that difference over"
                + " the ways of labelling the prompts as related or control with the observed group sizes, exact"
                + " over all splits when there are at most " + GroupAnalysis.EXACT_SPLITS_MAX + ", otherwise "
                + GroupAnalysis.MONTE_CARLO_SPLITS + " seeded random splits; two-sided p = 2 × the smaller tail."
                + " Intervals (" + conf + "): a two-stage bootstrap (" + s.resamples() + " resamples) that draws each"
                + " group's prompts with replacement, then resamples the images of every drawn prompt (seed pairs"
                + " together for paired prompts), and takes percentiles; it needs at least 2 prompts per group."
                + " With few prompts the permutation p is the more reliable statement; the interval is rough."
                + (excluded == 0 ? "" : " " + excluded + " prompt(s) with too few images or a zero baseline"
                + " are left out of the group means."));
        out.add("Not reported: a cell says \"" + Missing.N_TOO_SMALL.text() + "\" instead of a number when a"
                + " variant has fewer than " + s.minNSd() + " images (sd) or fewer than " + s.minNInference()
                + " images (the minimum n for confidence intervals, tests, effect sizes and group means; below it"
                + " only descriptives are shown). Tests are not reported when all values are identical, and"
                + " Welch's test and Cohen's d not when both variants have zero variance; % change is not reported"
                + " when the mean before is 0. Holm columns of secondary tests say \"" + Missing.SECONDARY.text()
                + "\".");
        out.add("Reproducibility: bootstrap and permutation random numbers come from XoRoShiRo128++ (Apache"
                + " Commons RNG) seeded with seed " + s.seed() + " and a stream number: 0 for the group bootstrap,"
                + " 2^32 for Monte Carlo permutations. Percentiles are Hyndman-Fan type 7. The same scores and"
                + " settings give the same numbers.");
        return List.copyOf(out);
    }
}
