package org.belladonna.stats;

import org.apache.commons.statistics.descriptive.Mean;
import org.apache.commons.statistics.descriptive.StandardDeviation;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * n, mean, sample standard deviation and t-based confidence interval of the mean of one variant's scores.
 *
 * @param n    number of images
 * @param mean arithmetic mean (missing when n = 0)
 * @param sd   sample standard deviation with n - 1 in the denominator (missing when n < minNSd)
 * @param ci   mean ± t(1 - alpha/2, n - 1) · sd / √n (missing when n < minNInference)
 */
public record MeanSummary(int n, Value mean, Value sd, Interval ci) {

    public static MeanSummary of(double[] scores, AnalysisSettings settings) {
        int n = scores.length;
        if (n == 0) {
            return new MeanSummary(0, Value.missing(Missing.N_TOO_SMALL), Value.missing(Missing.N_TOO_SMALL),
                    Interval.missing(Missing.N_TOO_SMALL));
        }
        double mean = Mean.of(scores).getAsDouble();
        if (n < settings.minNSd()) {
            return new MeanSummary(n, Value.of(mean), Value.missing(Missing.N_TOO_SMALL),
                    Interval.missing(Missing.N_TOO_SMALL));
        }
        double sd = StandardDeviation.of(scores).getAsDouble();
        if (n < settings.minNInference()) {
            return new MeanSummary(n, Value.of(mean), Value.of(sd), Interval.missing(Missing.N_TOO_SMALL));
        }
        // Zero variance gives the degenerate interval [mean, mean]: true for these data, and the sd column says why.
        double half = TDistribution.of(n - 1).inverseSurvivalProbability(settings.alpha() / 2) * sd / Math.sqrt(n);
        return new MeanSummary(n, Value.of(mean), Value.of(sd), Interval.of(mean - half, mean + half));
    }
}
