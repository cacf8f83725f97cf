package org.belladonna.stats;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Related versus control prompts, with prompts as the units: the question is whether poisoning moves prompts
 * related to the concept more than unrelated ones, and the prompts are a sample of possible prompts. Each
 * prompt weighs the same whatever its image count.
 *
 * <ul>
 * <li>Test: permutation test of the difference of the group means of prompt-level % change, exact over every
 * split of the prompts into groups of the observed sizes when there are at most {@value #EXACT_SPLITS_MAX}
 * splits, otherwise {@value #MONTE_CARLO_SPLITS} seeded random splits.</li>
 * <li>Intervals: two-stage bootstrap. Each replicate draws each group's prompts with replacement, then
 * resamples the images of every drawn prompt (seed pairs jointly for a paired prompt, the two variants
 * independently otherwise), recomputes the % changes, the group means and their difference; percentile
 * intervals. Needs at least 2 prompts per group: with one, prompt-to-prompt variation cannot be seen.</li>
 * </ul>
 */
final class GroupAnalysis {
    static final long EXACT_SPLITS_MAX = 100_000;
    static final int MONTE_CARLO_SPLITS = 100_000;
    /** Stream of the Monte Carlo permutations, apart from the group bootstrap's stream 0. */
    static final long PERMUTATION_STREAM = 1L << 32;

    /** An eligible prompt: its scores as resampled (pairs when paired) and its % change. */
    record Unit(double[] before, double[] after, boolean paired, double pctChange) {
    }

    private GroupAnalysis() {
    }

    static GroupComparison compare(List<PromptScores> prompts, List<PromptResult> rows, AnalysisSettings settings) {
        List<Unit> related = new ArrayList<>();
        List<Unit> control = new ArrayList<>();
        int excludedRelated = 0;
        int excludedControl = 0;
        for (int i = 0; i < prompts.size(); i++) {
            PromptScores p = prompts.get(i);
            PromptResult row = rows.get(i);
            boolean paired = row.design() == Design.PAIRED;
            boolean eligible = row.pctChange().isPresent()
                    && (paired || PromptAnalysis.enough(p.before(), p.after(), settings));
            if (!eligible) {
                if (p.related()) excludedRelated++; else excludedControl++;
                continue;
            }
            Pairs pairs = p.pairs();
            Unit u = paired ? new Unit(pairs.before(), pairs.after(), true, row.pctChange().get())
                    : new Unit(p.before(), p.after(), false, row.pctChange().get());
            (p.related() ? related : control).add(u);
        }

        double[][] reps = replicates(related, control, settings);
        GroupSummary r = summary(related, excludedRelated, reps[0], settings);
        GroupSummary c = summary(control, excludedControl, reps[1], settings);
        if (related.isEmpty() || control.isEmpty()) {
            return new GroupComparison(r, c, Value.missing(Missing.NO_PROMPTS), Interval.missing(Missing.NO_PROMPTS),
                    PermutationTest.missing(Missing.NO_PROMPTS));
        }
        Value difference = Value.of(r.meanPctChange().get() - c.meanPctChange().get());
        Interval ci = related.size() < 2 || control.size() < 2 ? Interval.missing(Missing.TOO_FEW_PROMPTS)
                : reps[2] == null ? Interval.missing(Missing.ZERO_BASELINE)
                : Bootstrap.percentile(reps[2], settings.alpha());
        return new GroupComparison(r, c, difference, ci, permutation(pcts(related), pcts(control), settings));
    }

    private static GroupSummary summary(List<Unit> group, int excluded, double[] reps, AnalysisSettings settings) {
        if (group.isEmpty()) {
            return new GroupSummary(0, excluded, Value.missing(Missing.NO_PROMPTS), Interval.missing(Missing.NO_PROMPTS));
        }
        double sum = 0;
        for (Unit u : group) {
            sum += u.pctChange();
        }
        Interval ci = group.size() < 2 ? Interval.missing(Missing.TOO_FEW_PROMPTS)
                : reps == null ? Interval.missing(Missing.ZERO_BASELINE)
                : Bootstrap.percentile(reps, settings.alpha());
        return new GroupSummary(group.size(), excluded, Value.of(sum / group.size()), ci);
    }

    /**
     * Two-stage replicates of {related mean, control mean, difference}. One stream for the whole experiment; per
     * replicate the related group first, then the control group; within a group, for each of its k slots: draw a
     * prompt (nextInt(k)), then resample that prompt's images (pairs: n pair indices; else n before then n after
     * indices). Groups with fewer than 2 prompts are not resampled. An array is null when its group is not
     * resampled or a replicate hit a zero baseline mean.
     */
    private static double[][] replicates(List<Unit> related, List<Unit> control, AnalysisSettings settings) {
        UniformRandomProvider rng = Bootstrap.stream(settings.seed(), Bootstrap.GROUP_STREAM);
        boolean doRelated = related.size() >= 2;
        boolean doControl = control.size() >= 2;
        int n = settings.resamples();
        double[] rel = new double[n];
        double[] con = new double[n];
        double[] diff = new double[n];
        for (int k = 0; k < n; k++) {
            rel[k] = doRelated ? resampledGroupMean(related, rng) : Double.NaN;
            con[k] = doControl ? resampledGroupMean(control, rng) : Double.NaN;
            diff[k] = rel[k] - con[k];
        }
        return new double[][] {finiteOrNull(rel), finiteOrNull(con), finiteOrNull(diff)};
    }

    /** ±∞ when a resampled baseline mean is 0. */
    private static double resampledGroupMean(List<Unit> group, UniformRandomProvider rng) {
        int k = group.size();
        double sum = 0;
        for (int slot = 0; slot < k; slot++) {
            Unit u = group.get(rng.nextInt(k));
            double mb;
            double ma;
            if (u.paired()) {
                double sb = 0;
                double sa = 0;
                int n = u.before().length;
                for (int i = 0; i < n; i++) {
                    int pick = rng.nextInt(n);
                    sb += u.before()[pick];
                    sa += u.after()[pick];
                }
                mb = sb / n;
                ma = sa / n;
            } else {
                mb = Bootstrap.resampledMean(u.before(), rng);
                ma = Bootstrap.resampledMean(u.after(), rng);
            }
            sum += mb == 0 ? Double.POSITIVE_INFINITY : PercentChange.of(mb, ma);
        }
        return sum / k;
    }

    /**
     * Two-sided permutation p of mean(related) − mean(control) over relabellings of the prompts:
     * 2 · min(P(D ≤ d), P(D ≥ d)), capped at 1, with SciPy's tolerance of 1e-14 relative for ties of D with d.
     * Monte Carlo p-values count the observed split: (count + 1) / (splits + 1).
     */
    static PermutationTest permutation(double[] related, double[] control, AnalysisSettings settings) {
        int nr = related.length;
        int n = nr + control.length;
        double[] v = new double[n];
        System.arraycopy(related, 0, v, 0, nr);
        System.arraycopy(control, 0, v, nr, control.length);
        double total = 0;
        for (double x : v) total += x;
        int[] pick = new int[nr];
        for (int i = 0; i < nr; i++) pick[i] = i;
        double observed = statistic(v, pick, total, n);
        double gamma = Math.max(1e-14, Math.abs(1e-14 * observed));

        long splits = binomialUpTo(n, nr, EXACT_SPLITS_MAX + 1);
        long less = 0;
        long greater = 0;
        if (splits <= EXACT_SPLITS_MAX) {
            // Every nr-subset of the n prompts, in lexicographic order.
            while (true) {
                double d = statistic(v, pick, total, n);
                if (d <= observed + gamma) less++;
                if (d >= observed - gamma) greater++;
                int i = nr - 1;
                while (i >= 0 && pick[i] == n - nr + i) i--;
                if (i < 0) break;
                pick[i]++;
                for (int j = i + 1; j < nr; j++) pick[j] = pick[j - 1] + 1;
            }
            double p = Math.min(1, 2.0 * Math.min(less, greater) / splits);
            return new PermutationTest(Value.of(p), PValueKind.EXACT_ALL_SPLITS, splits);
        }
        UniformRandomProvider rng = Bootstrap.stream(settings.seed(), PERMUTATION_STREAM);
        int[] order = new int[n];
        for (int b = 0; b < MONTE_CARLO_SPLITS; b++) {
            for (int i = 0; i < n; i++) order[i] = i;
            // Partial Fisher–Yates: the first nr of a random permutation are the "related" prompts.
            for (int i = 0; i < nr; i++) {
                int j = i + rng.nextInt(n - i);
                int tmp = order[i];
                order[i] = order[j];
                order[j] = tmp;
            }
            System.arraycopy(order, 0, pick, 0, nr);
            double d = statistic(v, pick, total, n);
            if (d <= observed + gamma) less++;
            if (d >= observed - gamma) greater++;
        }
        double p = Math.min(1, 2.0 * Math.min(less + 1, greater + 1) / (MONTE_CARLO_SPLITS + 1.0));
        return new PermutationTest(Value.of(p), PValueKind.MONTE_CARLO, MONTE_CARLO_SPLITS);
    }

    /** Mean of the picked values minus mean of the others; the picked sum is added in pick order. */
    private static double statistic(double[] v, int[] pick, double total, int n) {
        double sum = 0;
        for (int i : pick) sum += v[i];
        return sum / pick.length - (total - sum) / (n - pick.length);
    }

    /** C(n, k), or cap once it exceeds cap. */
    static long binomialUpTo(int n, int k, long cap) {
        k = Math.min(k, n - k);
        long c = 1;
        for (int i = 1; i <= k; i++) {
            // c · (n − k + i) / i stays an integer at each step; stop before it can overflow.
            if (c > cap) return cap;
            c = c * (n - k + i) / i;
        }
        return Math.min(c, cap);
    }

    private static double[] pcts(List<Unit> group) {
        return group.stream().mapToDouble(Unit::pctChange).toArray();
    }

    private static double[] finiteOrNull(double[] reps) {
        for (double v : reps) {
            if (!Double.isFinite(v)) {
                return null;
            }
        }
        return reps;
    }
}
