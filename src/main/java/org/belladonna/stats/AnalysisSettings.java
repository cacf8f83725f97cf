package org.belladonna.stats;

/**
 * Knobs of the analysis. Every one of them is named in the methods text.
 *
 * @param alpha          two-sided level: confidence intervals are (1 - alpha), Holm-adjusted p-values are read against it
 * @param resamples      resamples of the two-stage group bootstrap
 * @param seed           seed of every random stream (bootstrap, Monte Carlo permutations), so the same input
 *                       gives the same numbers
 * @param minNInference  fewest images per variant (or seed pairs, for the paired design) for tests, effect sizes
 *                       and confidence intervals; below it only descriptives are shown
 * @param minNSd         fewest images per variant for a standard deviation
 */
public record AnalysisSettings(double alpha, int resamples, long seed, int minNInference, int minNSd) {

    public static final double DEFAULT_ALPHA = 0.05;
    public static final int DEFAULT_RESAMPLES = 2_000;
    public static final long DEFAULT_SEED = 20_240_601L;

    public AnalysisSettings {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1): " + alpha);
        }
        if (resamples < 100) {
            throw new IllegalArgumentException("resamples must be at least 100: " + resamples);
        }
        // A t interval needs n - 1 >= 1 and a sd needs two values; below these the numbers do not exist.
        if (minNSd < 2 || minNInference < minNSd) {
            throw new IllegalArgumentException("need 2 <= minNSd <= minNInference");
        }
    }

    public static AnalysisSettings defaults() {
        return new AnalysisSettings(DEFAULT_ALPHA, DEFAULT_RESAMPLES, DEFAULT_SEED, 3, 2);
    }

    public AnalysisSettings withResamples(int n) {
        return new AnalysisSettings(alpha, n, seed, minNInference, minNSd);
    }

    public AnalysisSettings withSeed(long s) {
        return new AnalysisSettings(alpha, resamples, s, minNInference, minNSd);
    }

    /** Confidence level in percent, e.g. 95 for alpha 0.05. */
    public double confidencePercent() {
        return 100 * (1 - alpha);
    }
}
