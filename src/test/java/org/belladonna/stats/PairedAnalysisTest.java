package org.belladonna.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.commons.statistics.distribution.TDistribution;
import org.junit.jupiter.api.Test;

class PairedAnalysisTest {
    private static final AnalysisSettings SETTINGS = AnalysisSettings.defaults().withResamples(500);
    private static final double[] BEFORE = {5.2, 4.8, 6.1, 5.5, 4.9, 5.8};
    private static final double[] AFTER = {4.9, 4.7, 5.7, 5.3, 4.3, 5.3};
    private static final long[] SEEDS = {11, 12, 13, 14, 15, 16};

    private static PromptResult row(double[] b, long[] bs, double[] a, long[] as) {
        return PromptAnalysis.analyze(new PromptScores("p", "a prompt", true, b, a, bs, as), SETTINGS);
    }

    @Test
    void pairedTTestAndIntervalByHand() {
        PromptResult r = row(BEFORE, SEEDS, AFTER, SEEDS);
        assertEquals(Design.PAIRED, r.design());
        assertEquals("paired t-test", r.primaryTest());
        double[] d = new double[6];
        for (int i = 0; i < 6; i++) d[i] = AFTER[i] - BEFORE[i];
        double md = Hand.mean(d);
        double se = Math.sqrt(Hand.var(d) / 6);
        double t = md / se;
        assertEquals(t, r.paired().t().get(), 1e-12);
        assertEquals(5, r.paired().df().get(), 0);
        assertEquals(2 * TDistribution.of(5).cumulativeProbability(-Math.abs(t)), r.paired().p().get(), 1e-12);
        // qt(0.975, 5) = 2.570582 (t table, R).
        assertEquals(md - 2.570582 * se, r.paired().meanDifferenceCi().low(), 1e-6);
        assertEquals(md + 2.570582 * se, r.paired().meanDifferenceCi().high(), 1e-6);
        assertEquals(r.paired().p(), r.primaryP());
        assertEquals(r.paired().meanDifference(), r.meanDifference());
        // Every difference is negative and distinct: W+ = 0, exact p = 2 / 2^6.
        assertEquals(0, r.paired().wilcoxonW().get(), 0);
        assertEquals(2.0 / 64, r.paired().wilcoxonP().get(), 1e-15);
        assertEquals(PValueKind.EXACT, r.paired().wilcoxonMethod());
        // Welch and Mann-Whitney still run on all images, as secondary tests.
        assertTrue(r.welchP().isPresent() && r.mannWhitneyP().isPresent());
    }

    @Test
    void pairsFollowSeedsNotPositions() {
        PromptResult aligned = row(BEFORE, SEEDS, AFTER, SEEDS);
        // The same images listed in another order in each variant.
        int[] perm = {3, 0, 5, 1, 4, 2};
        double[] after = new double[6];
        long[] afterSeeds = new long[6];
        for (int i = 0; i < 6; i++) {
            after[i] = AFTER[perm[i]];
            afterSeeds[i] = SEEDS[perm[i]];
        }
        PromptResult shuffled = row(BEFORE, SEEDS, after, afterSeeds);
        assertEquals(aligned.paired(), shuffled.paired());
        assertEquals(aligned.pctChangeCi(), shuffled.pctChangeCi());
        // Pairing by position instead would give another t.
        PromptResult byPosition = row(BEFORE, SEEDS, after, SEEDS);
        assertTrue(Math.abs(byPosition.paired().t().get() - aligned.paired().t().get()) > 0.1);
    }

    @Test
    void partialPairingUsesTheSharedSeedsAndCountsTheRest() {
        long[] afterSeeds = {13, 14, 15, 16, 17, 18};
        PromptResult r = row(BEFORE, SEEDS, AFTER, afterSeeds);
        assertEquals(Design.PAIRED, r.design());
        assertEquals(4, r.paired().pairs());
        assertEquals(2, r.paired().unpairedBefore());
        assertEquals(2, r.paired().unpairedAfter());
        // Pairs: before[2..5] (seeds 13-16) with after[0..3].
        double[] pb = {6.1, 5.5, 4.9, 5.8};
        double[] pa = {4.9, 4.7, 5.7, 5.3};
        assertEquals(Hand.pct(Hand.mean(pb), Hand.mean(pa)), r.pctChange().get(), 1e-10);
        double[] d = new double[4];
        for (int i = 0; i < 4; i++) d[i] = pa[i] - pb[i];
        assertEquals(Hand.mean(d) / Math.sqrt(Hand.var(d) / 4), r.paired().t().get(), 1e-12);
        assertEquals(6, r.before().n(), "descriptives keep every image");
        assertEquals(Hand.mean(BEFORE), r.before().mean().get(), 1e-12);
    }

    @Test
    void tooFewOrNoPairsFallBackToIndependentSamples() {
        PromptResult two = row(BEFORE, SEEDS, AFTER, new long[] {15, 16, 17, 18, 19, 20});
        assertEquals(Design.INDEPENDENT, two.design());
        assertEquals(2, two.paired().pairs());
        assertEquals(Missing.N_TOO_SMALL, two.paired().p().missing());
        assertEquals(two.welchP(), two.primaryP());
        assertEquals(two.welchCi(), two.meanDifferenceCi());

        PromptResult none = PromptAnalysis.analyze(new PromptScores("p", "t", false, BEFORE, AFTER), SETTINGS);
        assertEquals(Design.INDEPENDENT, none.design());
        assertEquals(Missing.NOT_PAIRED, none.paired().p().missing());
        assertEquals("no seed pairs", none.paired().wilcoxonP().format(3));
        assertEquals(PValueKind.NONE, none.paired().wilcoxonMethod());
    }

    @Test
    void constantShiftAndNoChange() {
        double[] shifted = new double[6];
        for (int i = 0; i < 6; i++) shifted[i] = BEFORE[i] - 0.25;
        PromptResult shift = row(BEFORE, SEEDS, shifted, SEEDS);
        assertEquals(Missing.ZERO_VARIANCE, shift.paired().t().missing());
        assertEquals(-0.25, shift.paired().meanDifferenceCi().low(), 1e-12);
        assertEquals(-0.25, shift.paired().meanDifferenceCi().high(), 1e-12);
        PromptResult same = row(BEFORE, SEEDS, BEFORE, SEEDS);
        assertEquals(Missing.ALL_DIFFERENCES_ZERO, same.paired().p().missing());
        assertEquals(Missing.ALL_DIFFERENCES_ZERO, same.paired().wilcoxonP().missing());
        assertEquals(0, same.pctChange().get(), 0);
        assertEquals(0, same.pctChangeCi().low(), 1e-12);
    }

    @Test
    void hedgesGIsCorrectedCohensDWithAnIntervalAroundIt() {
        PromptResult r = PromptAnalysis.analyze(new PromptScores("p", "t", true, BEFORE, AFTER), SETTINGS);
        double pooled = Math.sqrt((Hand.var(BEFORE) + Hand.var(AFTER)) / 2);
        double d = (Hand.mean(AFTER) - Hand.mean(BEFORE)) / pooled;
        assertEquals(d, r.cohensD().get(), 1e-12);
        assertEquals(d * (1 - 3.0 / (4 * 12 - 9)), r.hedgesG().get(), 1e-12);
        assertTrue(r.hedgesGCi().low() < r.hedgesG().get() && r.hedgesG().get() < r.hedgesGCi().high());
    }

    @Test
    void tiedSmallSamplesGetTheExactMannWhitneyP() {
        PromptResult r = PromptAnalysis.analyze(new PromptScores("p", "t", true,
                new double[] {5, 5, 5, 5}, new double[] {4, 4, 4, 4}), SETTINGS);
        assertEquals(2.0 / 70, r.mannWhitneyP().get(), 1e-15);
        assertEquals(PValueKind.EXACT_WITH_TIES, r.mannWhitneyMethod());
    }

    @Test
    void holmFamilyMixesPairedAndWelchPrimaries() {
        Experiment e = new Experiment("NIMA", List.of(
                new PromptScores("a", "paired", true, BEFORE, AFTER, SEEDS, SEEDS),
                new PromptScores("b", "independent", false, BEFORE, AFTER),
                new PromptScores("c", "tiny", false, new double[] {5, 6}, new double[] {5, 6})));
        Analysis a = Analysis.of(e, SETTINGS);
        PromptResult paired = a.prompts().get(0);
        PromptResult welch = a.prompts().get(1);
        double[] adjusted = Holm.adjust(new double[] {paired.paired().p().get(), welch.welchP().get()});
        assertEquals(adjusted[0], paired.primaryPHolm().get(), 1e-15);
        assertEquals(adjusted[1], welch.primaryPHolm().get(), 1e-15);
        assertEquals(welch.primaryPHolm(), welch.welchPHolm());
        assertEquals(Missing.SECONDARY, paired.welchPHolm().missing());
        assertEquals(Missing.N_TOO_SMALL, a.prompts().get(2).primaryPHolm().missing());
        assertEquals(1, a.count(Design.PAIRED));
        assertEquals(2, a.count(Design.INDEPENDENT));
    }

    @Test
    void badSeedsAreClearErrors() {
        var wrongCount = assertThrows(IllegalArgumentException.class,
                () -> new PromptScores("p", "t", true, BEFORE, AFTER, new long[] {1, 2}, SEEDS));
        assertTrue(wrongCount.getMessage().contains("2 before seeds for 6 before scores"), wrongCount.getMessage());
        var twice = assertThrows(IllegalArgumentException.class,
                () -> new PromptScores("p", "t", true, BEFORE, AFTER, SEEDS, new long[] {1, 2, 3, 4, 5, 1}));
        assertTrue(twice.getMessage().contains("seed 1 occurs twice among the after images"), twice.getMessage());
        PromptScores ok = new PromptScores("p", "t", true, BEFORE, AFTER, SEEDS, SEEDS);
        long[] copy = ok.beforeSeeds();
        copy[0] = 99;
        assertArrayEquals(SEEDS, ok.beforeSeeds(), "seeds are copied");
    }
}
