package org.belladonna.stats;

import java.util.Arrays;
import org.apache.commons.statistics.descriptive.Mean;
import org.apache.commons.statistics.descriptive.StandardDeviation;
import org.apache.commons.statistics.distribution.TDistribution;
import org.apache.commons.statistics.inference.TTest;

/** Computes one prompt's row, without the Holm columns (those need the whole family, see {@link Analysis}). */
final class PromptAnalysis {
    private PromptAnalysis() {
    }

    static PromptResult analyze(PromptScores prompt, AnalysisSettings settings) {
        double[] before = prompt.before();
        double[] after = prompt.after();
        double alpha = settings.alpha();
        MeanSummary b = MeanSummary.of(before, settings);
        MeanSummary a = MeanSummary.of(after, settings);
        Missing tooFew = enough(before, after, settings) ? null : Missing.N_TOO_SMALL;
        boolean identical = tooFew == null && allEqual(before, after);
        boolean bothConstant = tooFew == null && b.sd().get() == 0 && a.sd().get() == 0;
        Pairs pairs = prompt.pairs();
        Design design = pairs.n() >= settings.minNInference() ? Design.PAIRED : Design.INDEPENDENT;

        // Welch's t is ±∞ or 0/0 when both variants are constant; the library then returns NaN, so say why instead.
        Missing welchGap = tooFew != null ? tooFew : identical ? Missing.IDENTICAL_VALUES
                : bothConstant ? Missing.ZERO_VARIANCE : null;
        Value t, df, pWelch;
        Interval welchCi;
        if (welchGap != null) {
            t = df = pWelch = Value.missing(welchGap);
            welchCi = Interval.missing(welchGap);
        } else {
            TTest.Result r = TTest.withDefaults().test(after, before);
            t = Value.of(r.getStatistic());
            df = Value.of(r.getDegreesOfFreedom());
            pWelch = Value.of(r.getPValue());
            double diff = a.mean().get() - b.mean().get();
            double se = Math.sqrt(Math.pow(a.sd().get(), 2) / a.n() + Math.pow(b.sd().get(), 2) / b.n());
            double half = TDistribution.of(r.getDegreesOfFreedom()).inverseSurvivalProbability(alpha / 2) * se;
            welchCi = Interval.of(diff - half, diff + half);
        }

        Value u, pMw, cliff;
        PValueKind mwMethod = PValueKind.NONE;
        Missing rankGap = tooFew != null ? tooFew : identical ? Missing.IDENTICAL_VALUES : null;
        if (rankGap != null) {
            u = pMw = cliff = Value.missing(rankGap);
        } else {
            RankTests.Outcome r = RankTests.mannWhitney(after, before);
            u = Value.of(r.statistic());
            pMw = Value.of(r.p());
            mwMethod = r.kind();
            cliff = Value.of(2 * r.statistic() / ((double) after.length * before.length) - 1);
        }

        Missing dGap = tooFew != null ? tooFew : identical ? Missing.IDENTICAL_VALUES
                : bothConstant ? Missing.ZERO_VARIANCE : null;
        Value d = dGap != null ? Value.missing(dGap) : Value.of(cohensD(b, a));
        double j = 1 - 3.0 / (4 * (before.length + after.length) - 9);
        Value g = d.isPresent() ? Value.of(d.get() * j) : d;

        PairedTests paired;
        Value pct;
        Interval pctCi;
        Interval gCi;
        if (design == Design.PAIRED) {
            paired = paired(pairs, alpha);
            double mb = mean(pairs.before());
            pct = mb == 0 ? Value.missing(Missing.ZERO_BASELINE) : Value.of(PercentChange.of(mb, mean(pairs.after())));
            pctCi = pct.isPresent() ? PercentChange.paired(pairs.before(), pairs.after(), alpha)
                    : Interval.missing(pct.missing());
            gCi = !d.isPresent() ? Interval.missing(d.missing())
                    : !paired.t().isPresent() ? Interval.missing(paired.t().missing())
                    : pairedGInterval(paired.t().get(), pairs, pooledSd(b, a), j, alpha);
        } else {
            paired = PairedTests.none(pairs, pairs.n() == 0 ? Missing.NOT_PAIRED : Missing.N_TOO_SMALL);
            pct = pctChange(b, a);
            pctCi = tooFew != null ? Interval.missing(tooFew)
                    : !pct.isPresent() ? Interval.missing(pct.missing())
                    : PercentChange.independent(before, after, alpha);
            gCi = !d.isPresent() ? Interval.missing(d.missing()) : independentGInterval(d.get(), b.n(), a.n(), j, alpha);
        }

        Value meanDiff;
        Interval meanDiffCi;
        Value primaryP;
        if (design == Design.PAIRED) {
            meanDiff = paired.meanDifference();
            meanDiffCi = paired.meanDifferenceCi();
            primaryP = paired.p();
        } else {
            meanDiff = b.mean().isPresent() && a.mean().isPresent()
                    ? Value.of(a.mean().get() - b.mean().get()) : Value.missing(Missing.N_TOO_SMALL);
            meanDiffCi = welchCi;
            primaryP = pWelch;
        }

        Value noHolmYet = Value.missing(Missing.N_TOO_SMALL);
        return new PromptResult(prompt.id(), prompt.text(), prompt.related(), b, a, pct, pctCi,
                t, df, pWelch, noHolmYet, u, pMw, noHolmYet, cliff, d,
                design, paired, meanDiff, meanDiffCi, welchCi, primaryP, noHolmYet, mwMethod, g, gCi);
    }

    /** Paired t (Apache Commons Statistics), its interval, and the Wilcoxon signed-rank test of the differences. */
    private static PairedTests paired(Pairs pairs, double alpha) {
        int n = pairs.n();
        double[] diff = pairs.differences();
        double md = mean(diff);
        double sd = StandardDeviation.of(diff).getAsDouble();
        Value meanDiff = Value.of(md);
        // sd 0: every pair moved by the same amount; the interval is that amount and t does not exist.
        double half = TDistribution.of(n - 1).inverseSurvivalProbability(alpha / 2) * sd / Math.sqrt(n);
        Interval ci = Interval.of(md - half, md + half);
        Value t, df, p;
        if (sd == 0) {
            Missing why = md == 0 ? Missing.ALL_DIFFERENCES_ZERO : Missing.ZERO_VARIANCE;
            t = df = p = Value.missing(why);
        } else {
            TTest.Result r = TTest.withDefaults().pairedTest(pairs.after(), pairs.before());
            t = Value.of(r.getStatistic());
            df = Value.of(r.getDegreesOfFreedom());
            p = Value.of(r.getPValue());
        }
        RankTests.Outcome w = RankTests.wilcoxon(diff);
        Value wStat = w == null ? Value.missing(Missing.ALL_DIFFERENCES_ZERO) : Value.of(w.statistic());
        Value wP = w == null ? wStat : Value.of(w.p());
        return new PairedTests(n, pairs.unpairedBefore(), pairs.unpairedAfter(), meanDiff, ci, t, df, p,
                wStat, wP, w == null ? PValueKind.NONE : w.kind());
    }

    /**
     * Independent samples: d·√(n_b n_a / (n_b + n_a)) is the pooled-variance t, noncentral t with
     * n_b + n_a − 2 df; its noncentrality interval, rescaled, bounds d (exact under normality, equal variances).
     */
    private static Interval independentGInterval(double d, int nb, int na, double j, double alpha) {
        double scale = Math.sqrt((double) nb * na / (nb + na));
        double[] delta = new NoncentralT(nb + na - 2).deltaInterval(d * scale, alpha);
        return Interval.of(j * delta[0] / scale, j * delta[1] / scale);
    }

    /**
     * Pairs: the paired t is noncentral t with n − 1 df and noncentrality √n · μ_d / σ_d. Its interval, divided
     * by √n, bounds the standardized mean difference of the differences; multiplying by sd_d / pooled sd moves it
     * to the pooled-sd scale of d and g (treating that ratio as known, the usual approximation).
     */
    private static Interval pairedGInterval(double t, Pairs pairs, double pooledSd, double j, double alpha) {
        int n = pairs.n();
        double sdDiff = StandardDeviation.of(pairs.differences()).getAsDouble();
        double[] delta = new NoncentralT(n - 1).deltaInterval(t, alpha);
        double scale = sdDiff / pooledSd / Math.sqrt(n);
        return Interval.of(j * delta[0] * scale, j * delta[1] * scale);
    }

    static boolean enough(double[] before, double[] after, AnalysisSettings settings) {
        return before.length >= settings.minNInference() && after.length >= settings.minNInference();
    }

    static double pctChange(double meanBefore, double meanAfter) {
        return PercentChange.of(meanBefore, meanAfter);
    }

    private static Value pctChange(MeanSummary b, MeanSummary a) {
        if (!b.mean().isPresent() || !a.mean().isPresent()) {
            return Value.missing(Missing.N_TOO_SMALL);
        }
        double mb = b.mean().get();
        return mb == 0 ? Value.missing(Missing.ZERO_BASELINE) : Value.of(pctChange(mb, a.mean().get()));
    }

    private static double pooledSd(MeanSummary b, MeanSummary a) {
        double sb = b.sd().get();
        double sa = a.sd().get();
        return Math.sqrt(((b.n() - 1) * sb * sb + (a.n() - 1) * sa * sa) / (b.n() + a.n() - 2));
    }

    private static double cohensD(MeanSummary b, MeanSummary a) {
        return (a.mean().get() - b.mean().get()) / pooledSd(b, a);
    }

    private static double mean(double[] x) {
        return Mean.of(x).getAsDouble();
    }

    private static boolean allEqual(double[] before, double[] after) {
        double first = before[0];
        return Arrays.stream(before).allMatch(v -> v == first) && Arrays.stream(after).allMatch(v -> v == first);
    }
}
