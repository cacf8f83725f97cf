package org.belladonna.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.statistics.distribution.TDistribution;
import org.junit.jupiter.api.Test;

class PromptAnalysisTest {
    private static final AnalysisSettings SETTINGS = AnalysisSettings.defaults().withResamples(500);

    private static PromptResult row(double[] before, double[] after) {
        return PromptAnalysis.analyze(new PromptScores("p", "a prompt", true, before, after), SETTINGS);
    }

    @Test
    void welchByHand() {
        double[] before = {6.1, 5.4, 6.8, 5.9, 6.3};
        double[] after = {5.2, 5.9, 4.8, 5.5, 5.0, 4.6, 5.3};
        PromptResult r = row(before, after);

        double va = Hand.var(after) / after.length;
        double vb = Hand.var(before) / before.length;
        double t = (Hand.mean(after) - Hand.mean(before)) / Math.sqrt(va + vb);
        double df = (va + vb) * (va + vb) / (va * va / (after.length - 1) + vb * vb / (before.length - 1));
        double p = 2 * TDistribution.of(df).cumulativeProbability(-Math.abs(t));

        assertEquals(t, r.welchT().get(), 1e-12);
        assertEquals(df, r.welchDf().get(), 1e-10);
        assertEquals(p, r.welchP().get(), 1e-12);
        assertTrue(t < 0 && p < 0.05, "scores dropped clearly");
    }

    @Test
    void mannWhitneyMatchesPairCountAndR() {
        // Hollander & Wolfe (1973) p. 69, the example in R's ?wilcox.test: x = term, y = 12-26 weeks.
        // R: wilcox.test(x, y, alternative = "g") gives W = 35, p-value = 0.1272 (exact, no ties),
        // so the two-sided exact p is 2 x 0.1272061 = 0.2544122.
        double[] x = {0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46};
        double[] y = {1.15, 0.88, 0.90, 0.74, 1.21};
        PromptResult r = row(y, x); // after = x, before = y
        assertEquals(35, Hand.u(x, y));
        assertEquals(35, r.mannWhitneyU().get());
        assertEquals(0.2544122, r.mannWhitneyP().get(), 5e-7);
        // Cliff's delta by counting signs over all 50 pairs.
        int greater = 0, less = 0;
        for (double a : x) for (double b : y) { if (a > b) greater++; if (a < b) less++; }
        assertEquals((greater - less) / 50.0, r.cliffsDelta().get(), 1e-15);
    }

    @Test
    void meanCiUsesTabledTQuantileAndCohensDByHand() {
        double[] before = {7, 6.5, 6.9, 7.2, 6.4, 6.8, 7.1, 6.6, 7.0, 6.7, 6.9, 7.3};
        double[] after = {6.2, 6.0, 6.6, 6.3, 5.9, 6.1, 6.4, 6.5, 5.8, 6.2, 6.0, 6.3};
        PromptResult r = row(before, after);
        // qt(0.975, 11) = 2.200985 (standard t table, R).
        double half = 2.200985 * Math.sqrt(Hand.var(before)) / Math.sqrt(12);
        assertEquals(Hand.mean(before) - half, r.before().ci().low(), 1e-6);
        assertEquals(Hand.mean(before) + half, r.before().ci().high(), 1e-6);
        double pooled = Math.sqrt((11 * Hand.var(before) + 11 * Hand.var(after)) / 22);
        assertEquals((Hand.mean(after) - Hand.mean(before)) / pooled, r.cohensD().get(), 1e-12);
        assertEquals(Hand.pct(Hand.mean(before), Hand.mean(after)), r.pctChange().get(), 1e-10);
    }

    @Test
    void tooFewImagesSayWhyInsteadOfANumber() {
        PromptResult two = row(new double[] {5, 6}, new double[] {4, 5, 6});
        assertEquals(Missing.N_TOO_SMALL, two.before().ci().missing());
        assertTrue(two.before().sd().isPresent(), "sd needs only 2");
        assertTrue(two.pctChange().isPresent(), "a mean of 2 exists");
        for (Value v : new Value[] {two.welchP(), two.welchT(), two.mannWhitneyP(), two.cliffsDelta(), two.cohensD()}) {
            assertEquals(Missing.N_TOO_SMALL, v.missing());
            assertEquals("n too small", v.format(3));
        }
        assertEquals("n too small", two.pctChangeCi().format(2));

        PromptResult one = row(new double[] {5}, new double[] {4, 5, 6});
        assertEquals(Missing.N_TOO_SMALL, one.before().sd().missing());
        PromptResult none = row(new double[] {}, new double[] {4, 5, 6});
        assertEquals(Missing.N_TOO_SMALL, none.before().mean().missing());
        assertEquals(Missing.N_TOO_SMALL, none.pctChange().missing());
    }

    @Test
    void zeroVarianceInBothVariants() {
        PromptResult r = row(new double[] {6, 6, 6}, new double[] {5, 5, 5, 5});
        assertEquals(Missing.ZERO_VARIANCE, r.welchP().missing());
        assertEquals(Missing.ZERO_VARIANCE, r.cohensD().missing());
        assertEquals(-1, r.cliffsDelta().get(), 0);
        assertTrue(r.mannWhitneyP().isPresent());
        assertEquals(0, r.before().sd().get(), 0);
        assertEquals(6, r.before().ci().low(), 0);
        assertEquals(6, r.before().ci().high(), 0);
        // Both variances are 0: Fieller's interval shrinks to the point -1/6.
        assertEquals(-100.0 / 6, r.pctChangeCi().low(), 1e-12);
        assertEquals(-100.0 / 6, r.pctChangeCi().high(), 1e-12);
    }

    @Test
    void zeroVarianceInOneVariantStillTests() {
        double[] after = {4, 5, 6};
        PromptResult r = row(new double[] {6, 6, 6}, after);
        // Only the after variance counts: df = n_after - 1 exactly.
        assertEquals(2, r.welchDf().get(), 1e-12);
        double t = (5 - 6) / Math.sqrt(Hand.var(after) / 3);
        assertEquals(t, r.welchT().get(), 1e-12);
    }

    @Test
    void identicalValues() {
        PromptResult r = row(new double[] {5, 5, 5}, new double[] {5, 5, 5});
        assertEquals(Missing.IDENTICAL_VALUES, r.welchP().missing());
        assertEquals(Missing.IDENTICAL_VALUES, r.mannWhitneyP().missing());
        assertEquals(Missing.IDENTICAL_VALUES, r.cliffsDelta().missing());
        assertEquals(0, r.pctChange().get(), 0);
    }

    @Test
    void zeroBaseline() {
        PromptResult r = row(new double[] {-1, 0, 1}, new double[] {1, 2, 3});
        assertEquals(Missing.ZERO_BASELINE, r.pctChange().missing());
        assertEquals(Missing.ZERO_BASELINE, r.pctChangeCi().missing());
        assertEquals("mean before is 0", r.pctChange().format(2));
        assertTrue(r.welchP().isPresent(), "the tests do not need a baseline");
        assertFalse(r.pctChange().value().isPresent());
    }
}
