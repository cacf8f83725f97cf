package org.belladonna.stats;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.descriptive.Quantile;

/** Resampling helpers: seeded streams, resampled means and percentile intervals. */
final class Bootstrap {
    /** Stream of the group (two-stage) bootstrap; Monte Carlo permutations use their own stream. */
    static final long GROUP_STREAM = 0;

    private static final Quantile HF7 = Quantile.withDefaults().with(Quantile.EstimationMethod.HF7);

    private Bootstrap() {
    }

    /** XoRoShiRo128++ seeded with {seed, stream}: independent streams for independent resampling tasks. */
    static UniformRandomProvider stream(long seed, long stream) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(new long[] {seed, stream});
    }

    /** Mean of n draws with replacement from x (n = x.length), drawn in index order. */
    static double resampledMean(double[] x, UniformRandomProvider rng) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += x[rng.nextInt(x.length)];
        }
        return sum / x.length;
    }

    /** Percentile interval: the alpha/2 and 1 - alpha/2 quantiles of the replicates (Hyndman–Fan type 7, R's default). */
    static Interval percentile(double[] replicates, double alpha) {
        double[] q = HF7.evaluate(Arrays.copyOf(replicates, replicates.length), alpha / 2, 1 - alpha / 2);
        return Interval.of(q[0], q[1]);
    }
}
