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
            assertTrue(rows.get(i).mannWhitneyPHolm().get() >= rows.get(i).mannWhitneyP().get());
        }
    }

    @Test
    void promptBootstrapCiByStraightLoop() {
        PromptScores p = EXPERIMENT.prompts().get(1);
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(new long[] {SETTINGS.seed(), p.id().hashCode()});
        double[] reps = new double[SETTINGS.resamples()];
        for (int k = 0; k < reps.length; k++) {
            double mb = Hand.resampledMean(p.before(), rng);
            double ma = Hand.resampledMean(p.after(), rng);
            reps[k] = Hand.pct(mb, ma);
        }
        Interval ci = ANALYSIS.prompts().get(1).pctChangeCi();
        assertEquals(Hand.quantile7(reps, 0.025), ci.low(), 1e-9);
        assertEquals(Hand.quantile7(reps, 0.975), ci.high(), 1e-9);
    }

    @Test
    void hierarchicalGroupBootstrapByStraightLoop() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(new long[] {SETTINGS.seed(), 0});
        double[] diff = new double[SETTINGS.resamples()];
        double[] rel = new double[diff.length];
        for (int k = 0; k < diff.length; k++) {
            double[] groupMean = new double[2];
            for (int g = 0; g < 2; g++) {
                for (PromptScores p : EXPERIMENT.prompts()) {
                    if (p.related() == (g == 0)) {
                        double mb = Hand.resampledMean(p.before(), rng);
                        double ma = Hand.resampledMean(p.after(), rng);
                        groupMean[g] += Hand.pct(mb, ma) / 3;
                    }
                }
            }
            rel[k] = groupMean[0];
            diff[k] = groupMean[0] - groupMean[1];
        }
        GroupComparison g = ANALYSIS.groups();
        assertEquals(Hand.quantile7(diff, 0.025), g.differenceCi().low(), 1e-9);
        assertEquals(Hand.quantile7(diff, 0.975), g.differenceCi().high(), 1e-9);
        assertEquals(Hand.quantile7(rel, 0.025), g.related().meanPctChangeCi().low(), 1e-9);

        double related = 0, control = 0;
        for (PromptScores p : EXPERIMENT.prompts()) {
            double pct = Hand.pct(Hand.mean(p.before()), Hand.mean(p.after()));
            if (p.related()) related += pct / 3; else control += pct / 3;
        }
        assertEquals(related, g.related().meanPctChange().get(), 1e-10);
        assertEquals(control, g.control().meanPctChange().get(), 1e-10);
        assertEquals(related - control, g.difference().get(), 1e-10);
        assertEquals(3, g.related().prompts());
        assertEquals(0, g.control().excluded());
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
