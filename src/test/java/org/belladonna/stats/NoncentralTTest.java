package org.belladonna.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.commons.statistics.distribution.TDistribution;
import org.junit.jupiter.api.Test;

class NoncentralTTest {

    @Test
    void cdfMatchesSciPy() {
        // {t, df, delta, scipy.stats.nct.cdf(t, df, delta)} from SciPy 1.10.
        double[][] cases = {
                {2.0, 4, 1.0, 0.7645674538243243},
                {-1.5, 9, 0.3, 0.04808210042088431},
                {0.7, 2, -0.5, 0.8568633021043911},
                {12.0, 3, 10.0, 0.5555937724159183},
                {-3.2, 58, -2.9, 0.39200441165067723},
                {25.0, 7, 20.0, 0.7211034216431302},
                {1.0, 1, 0.5, 0.5927477364400293},
                {-40.0, 10, -35.0, 0.3384381039817401}};
        for (double[] c : cases) {
            assertEquals(c[3], new NoncentralT(c[1]).cdf(c[0], c[2]), 1e-12, java.util.Arrays.toString(c));
        }
    }

    @Test
    void deltaZeroIsStudentT() {
        for (double df : new double[] {1, 3, 17.5, 200}) {
            for (double t : new double[] {-4, -0.3, 0, 1.1, 6}) {
                assertEquals(TDistribution.of(df).cumulativeProbability(t), new NoncentralT(df).cdf(t, 0), 1e-12);
            }
        }
    }

    @Test
    void intervalEndsHaveTheTargetTailProbabilities() {
        NoncentralT nct = new NoncentralT(11);
        double[] ci = nct.deltaInterval(2.4, 0.05);
        assertEquals(0.975, nct.cdf(2.4, ci[0]), 1e-10);
        assertEquals(0.025, nct.cdf(2.4, ci[1]), 1e-10);
        assertThrows(IllegalArgumentException.class, () -> new NoncentralT(0));
    }
}
