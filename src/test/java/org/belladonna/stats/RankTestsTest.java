package org.belladonna.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.inference.MannWhitneyUTest;
import org.junit.jupiter.api.Test;

/**
 * Rank tests against SciPy 1.10 (/usr/bin/python3). Tied Mann–Whitney: scipy.stats.permutation_test over all
 * splits (n_resamples=np.inf, permutation_type='independent') of the Mann–Whitney U statistic.
 */
class RankTestsTest {

    @Test
    void fourVersusFourTiedIsExactNotNormal() {
        double[] x = {1, 1, 1, 1};
        double[] y = {2, 2, 2, 2};
        RankTests.Outcome r = RankTests.mannWhitney(x, y);
        // Only the observed split and its mirror are as extreme: 2 / C(8, 4) = 2 / 70.
        assertEquals(2.0 / 70, r.p(), 1e-15);
        assertEquals(PValueKind.EXACT_WITH_TIES, r.kind());
        assertEquals(0, r.statistic());
        // What the normal approximation (Commons and SciPy's default, tie and continuity corrected) says instead.
        assertEquals(0.013123806784370716, MannWhitneyUTest.withDefaults().test(x, y).getPValue(), 1e-12);
    }

    @Test
    void tiedSamplesMatchSciPysPermutationTest() {
        assertEquals(0.11688311688311688, RankTests.mannWhitney(new double[] {5.1, 5.3, 5.3, 6.0, 4.8},
                new double[] {4.9, 4.8, 4.8, 5.0, 5.3, 4.1}).p(), 1e-12);
        RankTests.Outcome r = RankTests.mannWhitney(new double[] {3, 3, 4, 5, 5, 5, 6},
                new double[] {2, 3, 3, 4, 4, 5, 1, 2});
        assertEquals(0.0693084693084693, r.p(), 1e-12);
        assertEquals(44.5, r.statistic(), 0);
    }

    @Test
    void withoutTiesTheCountingAgreesWithCommonsExact() {
        double[] x = {4.1981, 3.6756, 4.7516, 5.4204, 6.136, 5.1097, 4.4474, 4.2152, 5.7487};
        double[] y = {7.1348, 5.7728, 4.2667, 4.5417, 7.1, 5.7029, 3.7679};
        RankTests.Outcome r = RankTests.mannWhitney(x, y);
        assertEquals(PValueKind.EXACT, r.kind());
        assertEquals(0.35104895104895106, r.p(), 1e-12); // scipy.stats.mannwhitneyu(x, y, method='exact')
        assertEquals(r.p(), RankTests.exactWithTies(x, y), 1e-12);
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(new long[] {1, 2});
        for (int k = 0; k < 20; k++) {
            double[] a = new double[3 + rng.nextInt(20)];
            double[] b = new double[3 + rng.nextInt(20)];
            for (int i = 0; i < a.length; i++) a[i] = rng.nextDouble();
            for (int i = 0; i < b.length; i++) b[i] = rng.nextDouble() + 0.2;
            assertEquals(RankTests.mannWhitney(a, b).p(), RankTests.exactWithTies(a, b), 1e-12);
        }
    }

    @Test
    void largeSamplesUseTheNormalApproximation() {
        double[] x = new double[50];
        double[] y = new double[10];
        for (int i = 0; i < x.length; i++) x[i] = i % 7;
        for (int i = 0; i < y.length; i++) y[i] = i % 5 + 1;
        RankTests.Outcome r = RankTests.mannWhitney(x, y);
        assertEquals(PValueKind.NORMAL_WITH_CORRECTION, r.kind());
        assertEquals(MannWhitneyUTest.withDefaults().test(x, y).getPValue(), r.p(), 0);
    }

    @Test
    void wilcoxonExactUpTo25PairsThenNormal() {
        double[] d25 = {0.1163, -0.9632, -0.4293, -0.288, -0.5133, 0.7534, 0.1369, -0.3894, 0.6096, 1.0299, -1.443,
                -0.0567, -0.7807, 0.0268, -1.0894, 0.2207, 0.1621, -0.1043, -0.8479, -0.1962, -0.8913, -1.1552,
                0.4248, -0.9093, 1.3703};
        RankTests.Outcome exact = RankTests.wilcoxon(d25);
        assertEquals(PValueKind.EXACT, exact.kind());
        assertEquals(0.15633821487426758, exact.p(), 1e-12); // scipy.stats.wilcoxon(d25, mode='exact')
        double[] d26 = {0.9166, -1.7978, 0.4721, -0.9017, 0.2331, 0.2436, -1.7884, -0.0334, -0.0558, 1.162, -0.9814,
                0.938, -0.899, -0.1313, -0.6405, 1.6487, 0.7682, 2.6317, 0.8419, 1.045, 1.0407, -0.4066, 0.13, 1.5504,
                -0.1966, 0.3888};
        RankTests.Outcome normal = RankTests.wilcoxon(d26);
        assertEquals(PValueKind.NORMAL_NO_CORRECTION, normal.kind());
        // scipy.stats.wilcoxon(d26, mode='approx'); SciPy 1.10's own default would be exact here (n <= 50): 0.23695.
        assertEquals(0.22766178540166304, normal.p(), 1e-12);
    }

    @Test
    void wilcoxonWithTiesOrZerosIsNormalWithZerosDropped() {
        // scipy.stats.wilcoxon(d, mode='approx') with the default zero_method='wilcox' and correction=False.
        RankTests.Outcome zeros = RankTests.wilcoxon(new double[] {0.5, -0.5, 1.0, 0, 1.5, 2.0, -0.3, 0.5, 1.0, 0.7});
        assertEquals(PValueKind.NORMAL_NO_CORRECTION, zeros.kind());
        assertEquals(0.027710036659135597, zeros.p(), 1e-12);
        RankTests.Outcome ties = RankTests.wilcoxon(new double[] {1, 2, 3, -1, 2, 4, 5, 3, 2, 1, 6, 7});
        assertEquals(PValueKind.NORMAL_NO_CORRECTION, ties.kind());
        assertEquals(0.0035841223774050264, ties.p(), 1e-12);
        assertNull(RankTests.wilcoxon(new double[] {0, 0, 0}), "no test when every difference is 0");
    }
}
