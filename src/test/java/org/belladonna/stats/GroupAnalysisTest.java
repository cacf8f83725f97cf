package org.belladonna.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class GroupAnalysisTest {
    private static final AnalysisSettings SETTINGS = AnalysisSettings.defaults().withResamples(400);

    /** Two-sided p over every labelling, by bitmask: 2 · min(#(D ≤ d), #(D ≥ d)) / #splits, capped at 1. */
    private static double bruteForce(double[] related, double[] control) {
        int nr = related.length;
        int n = nr + control.length;
        double[] v = new double[n];
        System.arraycopy(related, 0, v, 0, nr);
        System.arraycopy(control, 0, v, nr, control.length);
        double observed = Hand.mean(related) - Hand.mean(control);
        long less = 0, greater = 0, splits = 0;
        // Gosper's hack: every n-bit mask with exactly nr bits set, in increasing order.
        for (int mask = (1 << nr) - 1; mask < 1 << n; ) {
            double sr = 0, sc = 0;
            for (int i = 0; i < n; i++) if ((mask >> i & 1) == 1) sr += v[i]; else sc += v[i];
            double d = sr / nr - sc / (n - nr);
            splits++;
            if (d <= observed + 1e-12) less++;
            if (d >= observed - 1e-12) greater++;
            int low = mask & -mask;
            int ripple = mask + low;
            mask = (((ripple ^ mask) >>> 2) / low) | ripple;
        }
        return Math.min(1, 2.0 * Math.min(less, greater) / splits);
    }

    @Test
    void exactOverAllSplitsWhenFew() {
        double[] related = {-6.1, -3.2, -8.4, -0.5};
        double[] control = {-1.0, 0.7, -2.2, 1.4, -4.0};
        PermutationTest t = GroupAnalysis.permutation(related, control, SETTINGS);
        assertEquals(PValueKind.EXACT_ALL_SPLITS, t.method());
        assertEquals(126, t.splits()); // C(9, 4)
        assertEquals(bruteForce(related, control), t.p().get(), 1e-15);
    }

    @Test
    void seededMonteCarloWhenTooManySplits() {
        // 10 + 10 prompts: C(20, 10) = 184,756 splits > 100,000.
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(new long[] {3, 4});
        double[] related = new double[10];
        double[] control = new double[10];
        for (int i = 0; i < 10; i++) {
            related[i] = -3 + 4 * rng.nextDouble();
            control[i] = -2 + 4 * rng.nextDouble();
        }
        PermutationTest t = GroupAnalysis.permutation(related, control, SETTINGS);
        assertEquals(PValueKind.MONTE_CARLO, t.method());
        assertEquals(GroupAnalysis.MONTE_CARLO_SPLITS, t.splits());
        double exact = bruteForce(related, control);
        // Monte Carlo error of 2 · min tail at 100,000 draws: under 4 standard errors.
        double se = 2 * Math.sqrt(exact / 2 * (1 - exact / 2) / GroupAnalysis.MONTE_CARLO_SPLITS);
        assertTrue(Math.abs(t.p().get() - exact) < 4 * se + 1e-5, t.p().get() + " vs exact " + exact);
        assertEquals(t, GroupAnalysis.permutation(related, control, SETTINGS), "seeded");
    }

    @Test
    void onePromptInAGroupHasATestButNoResampledInterval() {
        List<PromptScores> prompts = new ArrayList<>(StudyShape.experiment().prompts().subList(0, 1));
        prompts.addAll(StudyShape.experiment().prompts().subList(3, 6));
        Analysis a = Analysis.of(new Experiment("NIMA", prompts), SETTINGS);
        GroupComparison g = a.groups();
        assertEquals(Missing.TOO_FEW_PROMPTS, g.related().meanPctChangeCi().missing());
        assertEquals(Missing.TOO_FEW_PROMPTS, g.differenceCi().missing());
        assertTrue(g.control().meanPctChangeCi().isPresent());
        assertEquals(4, g.permutation().splits());
        // The related prompt dropped most: only its own labelling is as extreme on the low side, p = 2 x 1/4.
        assertEquals(0.5, g.permutation().p().get(), 1e-12);
    }

    @Test
    void pairedPromptsResampleSeedPairsTogether() {
        List<PromptScores> prompts = new ArrayList<>();
        long[] seeds = {1, 2, 3, 4, 5};
        double[][] b = {{5.0, 5.6, 4.4, 5.2, 4.8}, {6.0, 5.1, 5.5, 5.9, 6.2}, {4.1, 4.9, 5.3, 4.4, 4.6},
                {5.5, 5.0, 4.7, 5.2, 5.1}};
        double[][] a = {{4.6, 5.1, 4.3, 4.7, 4.5}, {5.5, 4.9, 5.0, 5.6, 5.9}, {4.2, 4.8, 5.2, 4.6, 4.4},
                {5.4, 5.1, 4.6, 5.3, 5.0}};
        for (int k = 0; k < 4; k++) {
            prompts.add(new PromptScores("p" + k, "prompt " + k, k < 2, b[k], a[k], seeds, seeds));
        }
        Analysis analysis = Analysis.of(new Experiment("NIMA", prompts), SETTINGS);
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(new long[] {SETTINGS.seed(), 0});
        double[] diff = new double[SETTINGS.resamples()];
        for (int r = 0; r < diff.length; r++) {
            double[] mean = new double[2];
            for (int g = 0; g < 2; g++) {
                for (int slot = 0; slot < 2; slot++) {
                    int k = 2 * g + rng.nextInt(2);
                    double sb = 0, sa = 0;
                    for (int i = 0; i < 5; i++) {
                        int pick = rng.nextInt(5);
                        sb += b[k][pick];
                        sa += a[k][pick];
                    }
                    mean[g] += Hand.pct(sb / 5, sa / 5) / 2;
                }
            }
            diff[r] = mean[0] - mean[1];
        }
        assertEquals(Hand.quantile7(diff, 0.025), analysis.groups().differenceCi().low(), 1e-9);
        assertEquals(Hand.quantile7(diff, 0.975), analysis.groups().differenceCi().high(), 1e-9);
        assertEquals(6, analysis.groups().permutation().splits());
    }
}
