package org.belladonna.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.TDistribution;
import org.junit.jupiter.api.Test;

/** Reproduces the study's shape and checks the table against values computed here by other routes. */
class StudyShapeTest {
    private static final Experiment EXPERIMENT = StudyShape.experiment();
    private static final AnalysisSettings SETTINGS = AnalysisSettings.defaults();
    private static final Analysis ANALYSIS = Analysis.of(EXPERIMENT, SETTINGS);

    @Test
    void tableMatchesHandComputation() {
        assertEquals(6, ANALYSIS.prompts().size());
        for (int i = 0; i < 6; i++) {
            PromptScores p = EXPERIMENT.prompts().get(i);
            PromptResult r = ANALYSIS.prompts().get(i);
            double mb = Hand.mean(p.before());
            double ma = Hand.mean(p.after());
            assertEquals(12, r.before().n());
            assertEquals(12, r.after().n());
            assertEquals(mb, r.before().mean().get(), 1e-12);
            assertEquals(ma, r.after().mean().get(), 1e-12);
            assertEquals(Math.sqrt(Hand.var(p.before())), r.before().sd().get(), 1e-12);
            assertEquals(Math.sqrt(Hand.var(p.after())), r.after().sd().get(), 1e-12);
            assertEquals(Hand.pct(mb, ma), r.pctChange().get(), 1e-10);
            assertEquals(Hand.u(p.after(), p.before()), r.mannWhitneyU().get(), 0);
            double half = 2.200985 * Math.sqrt(Hand.var(p.after()) / 12); // qt(0.975, 11)
            assertEquals(ma - half, r.after().ci().low(), 1e-6);
        }
    }

    @Test
    void hasTheStudysShape() {
        for (PromptResult r : ANALYSIS.prompts()) {
            double pct = r.pctChange().get();
            if (r.related()) {
                assertTrue(pct < -6 && pct > -10, r.text() + " " + pct);
                assertTrue(r.pctChangeCi().high() < 0, "related CI below zero");
                assertTrue(r.welchPHolm().get() < 0.05);
            } else {
                assertTrue(pct < 1 && pct > -3, r.text() + " " + pct);
            }
            assertTrue(r.pctChangeCi().low() <= pct && pct <= r.pctChangeCi().high());
        }
        GroupComparison g = ANALYSIS.groups();
        assertTrue(g.difference().get() < -5, "related drop more: " + g.difference().get());
        assertTrue(g.differenceCi().high() < 0);
    }

    @Test
    void oneWelchTestIndependently() {
        PromptScores p = EXPERIMENT.prompts().get(0);
        double va = Hand.var(p.after()) / 12;
        double vb = Hand.var(p.before()) / 12;
        double t = (Hand.mean(p.after()) - Hand.mean(p.before())) / Math.sqrt(va + vb);
        double df = (va + vb) * (va + vb) / ((va * va + vb * vb) / 11);
        double pValue = 2 * TDistribution.of(df).cumulativeProbability(-Math.abs(t));
        PromptResult r = ANALYSIS.prompts().get(0);
        assertEquals(t, r.welchT().get(), 1e-12);
        assertEquals(df, r.welchDf().get(), 1e-10);
        assertEquals(pValue, r.welchP().get(), 1e-12 + 1e-9 * pValue);
    }

    @Test
    void holmOnWelchFamilyByHand() {
        List<PromptResult> rows = ANALYSIS.prompts();
        double[] p = rows.stream().mapToDouble(r -> r.welchP().get()).toArray();
        // Step-down by hand: adjusted p_i = max over p_j <= p_i of min(1, (m - rank_j) p_j), m = 6.
        for (int i = 0; i < 6; i++) {
            double expected = 0;
            for (int j = 0; j < 6; j++) {
                if (p[j] <= p[i]) {
                    int smaller = 0;
                    for (double q : p) if (q < p[j]) smaller++;
                    expected = Math.max(expected, Math.min(1, (6 - smaller) * p[j]));
                }
            }
            assertEquals(expected, rows.get(i).welchPHolm().get(), 1e-15);
            // No seeds here, so Welch is the primary test and its family is the Holm family; Mann-Whitney is secondary.
            assertEquals(Design.INDEPENDENT, rows.get(i).design());
            assertEquals(rows.get(i).welchPHolm(), rows.get(i).primaryPHolm());
            assertEquals(Missing.SECONDARY, rows.get(i).mannWhitneyPHolm().missing());
        }
    }

    @Test
    void promptPctChangeCiIsFiellersSetByHand() {
        // Independent samples: the interval is {r : (ma - r mb)^2 <= t^2 (va + r^2 vb)} with Welch df at r = ma / mb.
        for (int k = 0; k < 6; k++) {
            PromptScores p = EXPERIMENT.prompts().get(k);
            double mb = Hand.mean(p.before());
            double ma = Hand.mean(p.after());
            double vb = Hand.var(p.before()) / 12;
            double va = Hand.var(p.after()) / 12;
            double r0 = ma / mb;
            double df = Math.pow(va + r0 * r0 * vb, 2) / ((va * va + Math.pow(r0, 4) * vb * vb) / 11);
            double q = Math.pow(TDistribution.of(df).inverseCumulativeProbability(0.975), 2);
            Interval ci = ANALYSIS.prompts().get(k).pctChangeCi();
            for (double pct : new double[] {ci.low(), ci.high()}) {
                double r = 1 + pct / 100;
                double lhs = Math.pow(ma - r * mb, 2);
                double rhs = q * (va + r * r * vb);
                assertEquals(rhs, lhs, 1e-9 * rhs, "an end point solves the boundary equation");
            }
            double inside = 1 + (ci.low() + ci.high()) / 200;
            assertTrue(Math.pow(ma - inside * mb, 2) < q * (va + inside * inside * vb));
            assertTrue(ci.low() < Hand.pct(mb, ma) && Hand.pct(mb, ma) < ci.high());
        }
    }

    @Test
    void twoStageGroupBootstrapByStraightLoop() {
        // Per replicate: related then control; per group slot: draw a prompt, then its before and its after images.
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(new long[] {SETTINGS.seed(), 0});
        List<PromptScores> related = EXPERIMENT.prompts().subList(0, 3);
        List<PromptScores> control = EXPERIMENT.prompts().subList(3, 6);
        double[] diff = new double[SETTINGS.resamples()];
        double[] rel = new double[diff.length];
        for (int k = 0; k < diff.length; k++) {
            double[] groupMean = new double[2];
            for (int g = 0; g < 2; g++) {
                List<PromptScores> group = g == 0 ? related : control;
                for (int slot = 0; slot < 3; slot++) {
                    PromptScores p = group.get(rng.nextInt(3));
                    double mb = Hand.resampledMean(p.before(), rng);
                    double ma = Hand.resampledMean(p.after(), rng);
                    groupMean[g] += Hand.pct(mb, ma) / 3;
                }
            }
            rel[k] = groupMean[0];
            diff[k] = groupMean[0] - groupMean[1];
        }
        GroupComparison g = ANALYSIS.groups();
        assertEquals(Hand.quantile7(diff, 0.025), g.differenceCi().low(), 1e-9);
        assertEquals(Hand.quantile7(diff, 0.975), g.differenceCi().high(), 1e-9);
        assertEquals(Hand.quantile7(rel, 0.025), g.related().meanPctChangeCi().low(), 1e-9);
        assertEquals(Hand.quantile7(rel, 0.975), g.related().meanPctChangeCi().high(), 1e-9);

        double relatedMean = 0, controlMean = 0;
        for (PromptScores p : EXPERIMENT.prompts()) {
            double pct = Hand.pct(Hand.mean(p.before()), Hand.mean(p.after()));
            if (p.related()) relatedMean += pct / 3; else controlMean += pct / 3;
        }
        assertEquals(relatedMean, g.related().meanPctChange().get(), 1e-10);
        assertEquals(controlMean, g.control().meanPctChange().get(), 1e-10);
        assertEquals(relatedMean - controlMean, g.difference().get(), 1e-10);
        assertEquals(3, g.related().prompts());
        assertEquals(0, g.control().excluded());
        // 3 + 3 prompts: C(6, 3) = 20 splits; the related prompts all dropped more, so only the observed split and
        // its mirror image are as extreme: p = 2 x 1/20.
        assertEquals(20, g.permutation().splits());
        assertEquals(0.1, g.permutation().p().get(), 1e-12);
    }

    @Test
    void sameInputSameResultsAndTheSeedMatters() {
        Analysis again = Analysis.of(StudyShape.experiment(), SETTINGS);
        assertEquals(ANALYSIS.prompts(), again.prompts());
        assertEquals(ANALYSIS.groups(), again.groups());
        Analysis otherSeed = Analysis.of(EXPERIMENT, SETTINGS.withSeed(7));
        assertTrue(!otherSeed.groups().differenceCi().equals(ANALYSIS.groups().differenceCi()));
    }

    @Test
    void groupsLeaveOutPromptsWithTooFewImages() {
        var prompts = new java.util.ArrayList<>(EXPERIMENT.prompts());
        prompts.add(new PromptScores("tiny", "tiny", false, new double[] {5, 6}, new double[] {5, 6}));
        Analysis a = Analysis.of(new Experiment("NIMA (AVA)", prompts), SETTINGS);
        assertEquals(3, a.groups().control().prompts());
        assertEquals(1, a.groups().control().excluded());
        assertEquals(ANALYSIS.groups().difference().get(), a.groups().difference().get(), 1e-12);
        // Its tests could not run, so the Holm family stays at 6.
        assertEquals(ANALYSIS.prompts().get(0).welchPHolm(), a.prompts().get(0).welchPHolm());
    }
}
