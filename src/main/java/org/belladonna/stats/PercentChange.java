package org.belladonna.stats;

import org.apache.commons.statistics.descriptive.Mean;
import org.apache.commons.statistics.descriptive.Variance;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * % change of the mean score, 100 · (mean after / mean before − 1), with Fieller's interval for the ratio
 * of the two means (Fieller 1954). The percentile bootstrap this replaces covered the true value only 81 %
 * of the time at n = 3 and 88 % at n = 5 per variant; Fieller's interval inverts a t statistic instead:
 * the set of ratios θ for which (mean after − θ · mean before) is not significantly different from 0.
 *
 * <p>For pairs the variance of that contrast uses the covariance of the pair scores and has n − 1 degrees
 * of freedom (exact under bivariate normality); for independent samples it uses Welch–Satterthwaite degrees
 * of freedom evaluated at the estimated ratio.
 */
final class PercentChange {
    private PercentChange() {
    }

    static double of(double meanBefore, double meanAfter) {
        return 100 * (meanAfter - meanBefore) / meanBefore;
    }

    /** Interval for independent before and after samples (each n >= 2, mean before != 0). */
    static Interval independent(double[] before, double[] after, double alpha) {
        double b = Mean.of(before).getAsDouble();
        double a = Mean.of(after).getAsDouble();
        double vb = Variance.of(before).getAsDouble() / before.length;
        double va = Variance.of(after).getAsDouble() / after.length;
        double theta = a / b;
        // Welch–Satterthwaite for the contrast a − θ·b at θ = a / b; with both variances 0 the interval is the point.
        double num = va + theta * theta * vb;
        double den = va * va / (after.length - 1) + Math.pow(theta, 4) * vb * vb / (before.length - 1);
        double df = den == 0 ? Double.POSITIVE_INFINITY : num * num / den;
        return fieller(a, b, va, vb, 0, df, alpha);
    }

    /** Interval for pairs: before[i] and after[i] come from the same seed (n >= 2, mean before != 0). */
    static Interval paired(double[] before, double[] after, double alpha) {
        int n = before.length;
        double b = Mean.of(before).getAsDouble();
        double a = Mean.of(after).getAsDouble();
        double vb = Variance.of(before).getAsDouble() / n;
        double va = Variance.of(after).getAsDouble() / n;
        double cov = 0;
        for (int i = 0; i < n; i++) {
            cov += (after[i] - a) * (before[i] - b);
        }
        cov /= (double) (n - 1) * n;
        return fieller(a, b, va, vb, cov, n - 1, alpha);
    }

    /**
     * Fieller's (1 − alpha) interval for θ = μa / μb, as a % change. a, b: estimates of the means; va, vb: their
     * variances; cov: their covariance; df: degrees of freedom of the variance estimates.
     *
     * <p>(a − θb)² ≤ q (va − 2θ·cov + θ²vb), q = t²: a quadratic A θ² − 2Bθ + C ≤ 0 with A = b² − q vb,
     * B = ab − q cov, C = a² − q va. When A ≤ 0 the set is unbounded (b is within noise of 0): no interval.
     */
    static Interval fieller(double a, double b, double va, double vb, double cov, double df, double alpha) {
        double t = Double.isInfinite(df) ? 0 : TDistribution.of(df).inverseSurvivalProbability(alpha / 2);
        double q = t * t;
        double bigA = b * b - q * vb;
        if (!(bigA > 0)) {
            return Interval.missing(Missing.UNBOUNDED);
        }
        double bigB = a * b - q * cov;
        // B² − AC with the a²b² terms cancelled by hand: q · (b²va − 2ab·cov + a²vb − q(va·vb − cov²)).
        double disc = q * (b * b * va - 2 * a * b * cov + a * a * vb - q * (va * vb - cov * cov));
        double root = Math.sqrt(Math.max(0, disc));
        double lo = (bigB - root) / bigA;
        double hi = (bigB + root) / bigA;
        return Interval.of(100 * (lo - 1), 100 * (hi - 1));
    }
}
