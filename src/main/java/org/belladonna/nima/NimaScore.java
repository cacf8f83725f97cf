package org.belladonna.nima;

import java.util.Arrays;

/**
 * A NIMA prediction: probabilities of ratings 1..10, their mean (the score) and standard deviation.
 * The distribution is normalised to sum 1 first, as idealo's {@code calc_mean_score} does.
 */
public record NimaScore(double[] distribution, double mean, double std) {
    public NimaScore {
        distribution = distribution.clone();
    }

    public static NimaScore of(double[] probabilities) {
        if (probabilities.length != Nima.BUCKETS) {
            throw new IllegalArgumentException("expected " + Nima.BUCKETS + " probabilities, got "
                    + probabilities.length);
        }
        double total = 0;
        for (double p : probabilities) {
            if (!(p >= 0)) {
                throw new IllegalArgumentException("probabilities must be >= 0: " + Arrays.toString(probabilities));
            }
            total += p;
        }
        if (total <= 0) {
            throw new IllegalArgumentException("probabilities sum to 0");
        }
        double[] p = new double[probabilities.length];
        double mean = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = probabilities[i] / total;
            mean += (i + 1) * p[i];
        }
        double variance = 0;
        for (int i = 0; i < p.length; i++) {
            variance += (i + 1 - mean) * (i + 1 - mean) * p[i];
        }
        return new NimaScore(p, mean, Math.sqrt(variance));
    }

    @Override
    public double[] distribution() {
        return distribution.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NimaScore s && Arrays.equals(distribution, s.distribution)
                && Double.compare(mean, s.mean) == 0 && Double.compare(std, s.std) == 0;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(distribution) * 31 + Double.hashCode(mean);
    }

    @Override
    public String toString() {
        return String.format("%.2f (%.2f)", mean, std);
    }
}
