package org.belladonna.stats;

import java.util.Arrays;
import org.apache.commons.statistics.inference.ContinuityCorrection;
import org.apache.commons.statistics.inference.MannWhitneyUTest;
import org.apache.commons.statistics.inference.PValueMethod;
import org.apache.commons.statistics.inference.WilcoxonSignedRankTest;

/**
 * The two rank tests, with the p-value method chosen here (not left to a library default) so that the
 * result can say which one was used.
 */
final class RankTests {
    /** Below this size per sample the Mann–Whitney p is exact (Apache Commons Statistics' own limit). */
    static final int MANN_WHITNEY_EXACT_BELOW = 50;
    /** Wilcoxon exact up to this many pairs, as in SciPy's documented rule and the reference results. */
    static final int WILCOXON_EXACT_MAX = 25;

    /** A statistic, its two-sided p-value and how that was computed. */
    record Outcome(double statistic, double p, PValueKind kind) {
    }

    private RankTests() {
    }

    /**
     * Mann–Whitney U of x versus y (pairs x > y, ties ½), two-sided. Without ties and both n &lt; 50: the
     * exact p of Apache Commons Statistics. With ties and both n &lt; 50: the exact permutation distribution of
     * the midrank sum (Commons would fall back to the normal approximation, which is far off for small
     * tied samples: 4 constant values versus 4 others gives 0.013 instead of the exact 2/70 = 0.029).
     * Otherwise the normal approximation with tie and continuity correction.
     */
    static Outcome mannWhitney(double[] x, double[] y) {
        boolean small = Math.max(x.length, y.length) < MANN_WHITNEY_EXACT_BELOW;
        MannWhitneyUTest.Result asymptotic = MannWhitneyUTest.withDefaults().with(PValueMethod.ASYMPTOTIC).test(x, y);
        double u = asymptotic.getStatistic();
        if (!small) {
            return new Outcome(u, asymptotic.getPValue(), PValueKind.NORMAL_WITH_CORRECTION);
        }
        if (!asymptotic.hasTiedValues()) {
            double p = MannWhitneyUTest.withDefaults().with(PValueMethod.EXACT).test(x, y).getPValue();
            return new Outcome(u, p, PValueKind.EXACT);
        }
        return new Outcome(u, exactWithTies(x, y), PValueKind.EXACT_WITH_TIES);
    }

    /**
     * Two-sided p of the rank sum of x over all C(n, |x|) equally likely ways to label |x| of the pooled
     * values as x, with the observed midranks: p = min(1, 2 · min(P(R ≤ r), P(R ≥ r))). Counted by dynamic
     * programming over the tie groups, on doubled ranks so that every sum is an integer.
     */
    static double exactWithTies(double[] x, double[] y) {
        int m = x.length;
        int n = m + y.length;
        double[] pooled = new double[n];
        System.arraycopy(x, 0, pooled, 0, m);
        System.arraycopy(y, 0, pooled, m, y.length);
        double[] sorted = pooled.clone();
        Arrays.sort(sorted);
        // Doubled midrank of each distinct value: tie group occupying ranks i+1..j has midrank (i + 1 + j) / 2.
        int maxSum = n * (n + 1);
        double[][] ways = new double[m + 1][maxSum + 1];
        ways[0][0] = 1;
        int taken = 0;
        int reach = 0;
        long observed = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j < n && sorted[j] == sorted[i]) j++;
            int size = j - i;
            int rank2 = i + 1 + j;
            for (double v : x) {
                if (v == sorted[i]) observed += rank2;
            }
            taken = Math.min(m, taken + size);
            for (int k = taken; k >= 0; k--) {
                for (int c = 1; c <= Math.min(size, k); c++) {
                    double choose = binomial(size, c);
                    double[] from = ways[k - c];
                    double[] to = ways[k];
                    for (int s = 0; s <= reach; s++) {
                        if (from[s] != 0) {
                            to[s + c * rank2] += from[s] * choose;
                        }
                    }
                }
            }
            reach = Math.min(maxSum, reach + size * rank2);
            i = j;
        }
        double total = 0;
        double le = 0;
        double ge = 0;
        for (int s = 0; s <= maxSum; s++) {
            double w = ways[m][s];
            total += w;
            if (s <= observed) le += w;
            if (s >= observed) ge += w;
        }
        return Math.min(1, 2 * Math.min(le, ge) / total);
    }

    /**
     * Wilcoxon signed-rank test of paired differences (after − before) against 0, two-sided, following
     * SciPy's conventions: zero differences are dropped ("wilcox" zero method); exact p when there are at most
     * 25 pairs, no zero difference and no tied |difference|; otherwise the normal approximation with tie
     * correction and no continuity correction. The statistic is W+, the sum of the ranks of the positive
     * differences. Null when every difference is 0.
     */
    static Outcome wilcoxon(double[] differences) {
        double[] nonZero = Arrays.stream(differences).filter(d -> d != 0).toArray();
        if (nonZero.length == 0) {
            return null;
        }
        double[] abs = Arrays.stream(nonZero).map(Math::abs).sorted().toArray();
        boolean ties = false;
        for (int i = 1; i < abs.length; i++) {
            ties |= abs[i] == abs[i - 1];
        }
        boolean exact = differences.length <= WILCOXON_EXACT_MAX && nonZero.length == differences.length && !ties;
        WilcoxonSignedRankTest.Result r = WilcoxonSignedRankTest.withDefaults()
                .with(exact ? PValueMethod.EXACT : PValueMethod.ASYMPTOTIC)
                .with(ContinuityCorrection.DISABLED)
                .test(nonZero);
        return new Outcome(r.getStatistic(), r.getPValue(), exact ? PValueKind.EXACT : PValueKind.NORMAL_NO_CORRECTION);
    }

    private static double binomial(int n, int k) {
        double c = 1;
        for (int i = 1; i <= k; i++) {
            c = c * (n - k + i) / i;
        }
        return c;
    }
}
