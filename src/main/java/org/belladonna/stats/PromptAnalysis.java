package org.belladonna.stats;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.inference.MannWhitneyUTest;
import org.apache.commons.statistics.inference.TTest;

/** Computes one prompt's row, without the Holm columns (those need the whole family, see {@link Analysis}). */
final class PromptAnalysis {
    private PromptAnalysis() {
    }

    static PromptResult analyze(PromptScores prompt, AnalysisSettings settings) {
        double[] before = prompt.before();
        double[] after = prompt.after();
        MeanSummary b = MeanSummary.of(before, settings);
        MeanSummary a = MeanSummary.of(after, settings);
        Missing tooFew = enough(before, after, settings) ? null : Missing.N_TOO_SMALL;
        boolean identical = tooFew == null && allEqual(before, after);
        boolean bothConstant = tooFew == null && b.sd().get() == 0 && a.sd().get() == 0;

        Value pct = pctChange(b, a);
        Interval pctCi = tooFew != null ? Interval.missing(tooFew)
                : !pct.isPresent() ? Interval.missing(pct.missing())
                : pctChangeCi(before, after, settings, Bootstrap.stream(settings.seed(), Bootstrap.promptStream(prompt.id())));

        Value t, df, pWelch;
        // Welch's t is ±∞ or 0/0 when both variants are constant; the library then returns NaN, so say why instead.
        Missing welchGap = tooFew != null ? tooFew : identical ? Missing.IDENTICAL_VALUES
                : bothConstant ? Missing.ZERO_VARIANCE : null;
        if (welchGap != null) {
            t = df = pWelch = Value.missing(welchGap);
        } else {
            TTest.Result r = TTest.withDefaults().test(after, before);
            t = Value.of(r.getStatistic());
            df = Value.of(r.getDegreesOfFreedom());
            pWelch = Value.of(r.getPValue());
        }

        Value u, pMw, cliff;
        Missing rankGap = tooFew != null ? tooFew : identical ? Missing.IDENTICAL_VALUES : null;
        if (rankGap != null) {
            u = pMw = cliff = Value.missing(rankGap);
        } else {
            // Library default: exact p without ties and n < 50, else normal approximation with tie and continuity correction.
            MannWhitneyUTest.Result r = MannWhitneyUTest.withDefaults().test(after, before);
            u = Value.of(r.getStatistic());
            pMw = Value.of(r.getPValue());
            cliff = Value.of(2 * r.getStatistic() / ((double) after.length * before.length) - 1);
        }

        Value d = tooFew != null ? Value.missing(tooFew)
                : identical ? Value.missing(Missing.IDENTICAL_VALUES)
                : bothConstant ? Value.missing(Missing.ZERO_VARIANCE)
                : Value.of(cohensD(b, a));

        Value noHolmYet = Value.missing(Missing.N_TOO_SMALL);
        return new PromptResult(prompt.id(), prompt.text(), prompt.related(), b, a, pct, pctCi,
                t, df, pWelch, noHolmYet, u, pMw, noHolmYet, cliff, d);
    }

    static boolean enough(double[] before, double[] after, AnalysisSettings settings) {
        return before.length >= settings.minNInference() && after.length >= settings.minNInference();
    }

    static double pctChange(double meanBefore, double meanAfter) {
        return 100 * (meanAfter - meanBefore) / meanBefore;
    }

    private static Value pctChange(MeanSummary b, MeanSummary a) {
        if (!b.mean().isPresent() || !a.mean().isPresent()) {
            return Value.missing(Missing.N_TOO_SMALL);
        }
        double mb = b.mean().get();
        return mb == 0 ? Value.missing(Missing.ZERO_BASELINE) : Value.of(pctChange(mb, a.mean().get()));
    }

    /** Resamples each variant independently; a replicate whose baseline mean is 0 makes the interval undefined. */
    private static Interval pctChangeCi(double[] before, double[] after, AnalysisSettings settings,
                                        UniformRandomProvider rng) {
        double[] replicates = new double[settings.resamples()];
        for (int r = 0; r < replicates.length; r++) {
            double mb = Bootstrap.resampledMean(before, rng);
            double ma = Bootstrap.resampledMean(after, rng);
            if (mb == 0) {
                return Interval.missing(Missing.ZERO_BASELINE);
            }
            replicates[r] = pctChange(mb, ma);
        }
        return Bootstrap.percentile(replicates, settings.alpha());
    }

    private static double cohensD(MeanSummary b, MeanSummary a) {
        double sb = b.sd().get();
        double sa = a.sd().get();
        double pooledVar = ((b.n() - 1) * sb * sb + (a.n() - 1) * sa * sa) / (b.n() + a.n() - 2);
        return (a.mean().get() - b.mean().get()) / Math.sqrt(pooledVar);
    }

    private static boolean allEqual(double[] before, double[] after) {
        double first = before[0];
        return Arrays.stream(before).allMatch(v -> v == first) && Arrays.stream(after).allMatch(v -> v == first);
    }
}
