package org.belladonna.stats;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Group means of per-prompt % change and their difference, with a hierarchical bootstrap.
 *
 * <p>Each prompt weighs the same whatever its image count: the question is whether poisoning moves prompts
 * related to the concept more than unrelated ones, and prompts are the unit the study reports. Prompts are
 * fixed (not resampled), so the intervals show image-level sampling uncertainty for these prompts only.
 */
final class GroupAnalysis {
    private GroupAnalysis() {
    }

    static GroupComparison compare(List<PromptScores> prompts, List<PromptResult> rows, AnalysisSettings settings) {
        List<PromptScores> related = new ArrayList<>();
        List<PromptScores> control = new ArrayList<>();
        int excludedRelated = 0;
        int excludedControl = 0;
        for (int i = 0; i < prompts.size(); i++) {
            PromptScores p = prompts.get(i);
            boolean eligible = rows.get(i).pctChange().isPresent()
                    && PromptAnalysis.enough(p.before(), p.after(), settings);
            if (p.related()) {
                if (eligible) related.add(p); else excludedRelated++;
            } else {
                if (eligible) control.add(p); else excludedControl++;
            }
        }

        double[][] reps = replicates(related, control, settings);
        GroupSummary r = summary(related, excludedRelated, reps[0], settings);
        GroupSummary c = summary(control, excludedControl, reps[1], settings);
        if (related.isEmpty() || control.isEmpty()) {
            return new GroupComparison(r, c, Value.missing(Missing.NO_PROMPTS), Interval.missing(Missing.NO_PROMPTS));
        }
        if (reps[2] == null) {
            return new GroupComparison(r, c, Value.of(r.meanPctChange().get() - c.meanPctChange().get()),
                    Interval.missing(Missing.ZERO_BASELINE));
        }
        return new GroupComparison(r, c, Value.of(r.meanPctChange().get() - c.meanPctChange().get()),
                Bootstrap.percentile(reps[2], settings.alpha()));
    }

    private static GroupSummary summary(List<PromptScores> group, int excluded, double[] reps, AnalysisSettings settings) {
        if (group.isEmpty()) {
            return new GroupSummary(0, excluded, Value.missing(Missing.NO_PROMPTS), Interval.missing(Missing.NO_PROMPTS));
        }
        double sum = 0;
        for (PromptScores p : group) {
            sum += PromptAnalysis.pctChange(mean(p.before()), mean(p.after()));
        }
        Interval ci = reps == null ? Interval.missing(Missing.ZERO_BASELINE) : Bootstrap.percentile(reps, settings.alpha());
        return new GroupSummary(group.size(), excluded, Value.of(sum / group.size()), ci);
    }

    /**
     * Replicates of {related mean, control mean, difference}. One stream for the whole experiment: per
     * replicate, prompts are visited in input order, related first then controls, before then after.
     * An array is null when its group is empty or a replicate hit a zero baseline mean.
     */
    private static double[][] replicates(List<PromptScores> related, List<PromptScores> control,
                                         AnalysisSettings settings) {
        UniformRandomProvider rng = Bootstrap.stream(settings.seed(), Bootstrap.GROUP_STREAM);
        int n = settings.resamples();
        double[] rel = new double[n];
        double[] con = new double[n];
        double[] diff = new double[n];
        for (int k = 0; k < n; k++) {
            rel[k] = resampledGroupMean(related, rng);
            con[k] = resampledGroupMean(control, rng);
            diff[k] = rel[k] - con[k];
        }
        return new double[][] {finiteOrNull(rel), finiteOrNull(con), finiteOrNull(diff)};
    }

    /** NaN for an empty group, ±∞ when a resampled baseline mean is 0. */
    private static double resampledGroupMean(List<PromptScores> group, UniformRandomProvider rng) {
        if (group.isEmpty()) {
            return Double.NaN;
        }
        double sum = 0;
        for (PromptScores p : group) {
            double mb = Bootstrap.resampledMean(p.before(), rng);
            double ma = Bootstrap.resampledMean(p.after(), rng);
            sum += mb == 0 ? Double.POSITIVE_INFINITY : PromptAnalysis.pctChange(mb, ma);
        }
        return sum / group.size();
    }

    private static double[] finiteOrNull(double[] reps) {
        for (double v : reps) {
            if (!Double.isFinite(v)) {
                return null;
            }
        }
        return reps;
    }

    private static double mean(double[] x) {
        return org.apache.commons.statistics.descriptive.Mean.of(x).getAsDouble();
    }
}
