package org.belladonna.stats;

import java.util.Arrays;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * The noncentral t distribution's CDF and the confidence interval for its noncentrality parameter, which
 * gives the exact interval for a standardized mean difference under normality (Steiger &amp; Fouladi 1997).
 * Apache Commons Statistics has no noncentral t, so the CDF is the integral
 * P(T ≤ t) = ∫ Φ(t·s − δ) f_S(s) ds over S = √(χ²_ν / ν), by 16-point Gauss–Legendre on panels that are
 * uniform over S's range and graded towards s = δ / t, where Φ's argument changes sign.
 * Checked against SciPy 1.10's {@code scipy.stats.nct} in the tests.
 */
final class NoncentralT {
    private static final NormalDistribution PHI = NormalDistribution.of(0, 1);
    private static final int UNIFORM_PANELS = 12;
    private static final double[] NODES = new double[16];
    private static final double[] WEIGHTS = new double[16];

    static {
        gaussLegendre(NODES, WEIGHTS);
    }

    private final double df;
    private final ChiSquaredDistribution chi2;
    private final double sLow;
    private final double sHigh;

    NoncentralT(double df) {
        if (!(df > 0)) {
            throw new IllegalArgumentException("degrees of freedom must be > 0: " + df);
        }
        this.df = df;
        this.chi2 = ChiSquaredDistribution.of(df);
        // Beyond these S quantiles lies less than 1e-15 of the mass on each side.
        this.sLow = Math.sqrt(chi2.inverseCumulativeProbability(1e-15) / df);
        this.sHigh = Math.sqrt(chi2.inverseSurvivalProbability(1e-15) / df);
    }

    /** P(T ≤ t) for noncentrality delta. */
    double cdf(double t, double delta) {
        double[] cuts = new double[UNIFORM_PANELS + 1 + 2 * 64 + 1];
        int m = 0;
        for (int i = 0; i <= UNIFORM_PANELS; i++) {
            cuts[m++] = sLow + (sHigh - sLow) * i / UNIFORM_PANELS;
        }
        double centre = t == 0 ? Double.NaN : delta / t;
        if (centre > sLow && centre < sHigh) {
            cuts[m++] = centre;
            for (double h = 0.25 / Math.abs(t); h < sHigh - sLow && m + 2 <= cuts.length; h *= 2) {
                if (centre - h > sLow) cuts[m++] = centre - h;
                if (centre + h < sHigh) cuts[m++] = centre + h;
            }
        }
        Arrays.sort(cuts, 0, m);
        double sum = 0;
        for (int p = 0; p + 1 < m; p++) {
            double mid = (cuts[p] + cuts[p + 1]) / 2;
            double half = (cuts[p + 1] - cuts[p]) / 2;
            if (half == 0) continue;
            for (int k = 0; k < NODES.length; k++) {
                double s = mid + half * NODES[k];
                sum += half * WEIGHTS[k] * PHI.cumulativeProbability(t * s - delta) * densityOfS(s);
            }
        }
        return Math.min(1, Math.max(0, sum));
    }

    /** Density of S = √(W / ν), W ~ χ²_ν: f_W(ν s²) · 2νs. */
    private double densityOfS(double s) {
        return Math.exp(chi2.logDensity(df * s * s) + Math.log(2 * df * s));
    }

    /**
     * Two-sided (1 − alpha) interval for δ given an observed t: δ_low has P(T ≤ t | δ_low) = 1 − alpha/2 and
     * δ_high has P(T ≤ t | δ_high) = alpha/2 (the CDF falls as δ grows).
     */
    double[] deltaInterval(double t, double alpha) {
        return new double[] {solve(t, 1 - alpha / 2), solve(t, alpha / 2)};
    }

    /** The δ with cdf(t, δ) = target, by bracketing then the Illinois variant of regula falsi. */
    private double solve(double t, double target) {
        double step = 1 + 0.1 * Math.abs(t);
        double lo = t - step;
        double hi = t + step;
        double flo = cdf(t, lo) - target;
        double fhi = cdf(t, hi) - target;
        for (int i = 0; flo < 0 && i < 60; i++) {
            lo -= step;
            step *= 2;
            flo = cdf(t, lo) - target;
        }
        for (int i = 0; fhi > 0 && i < 60; i++) {
            hi += step;
            step *= 2;
            fhi = cdf(t, hi) - target;
        }
        if (flo < 0 || fhi > 0) {
            throw new ArithmeticException("no bracket for the noncentrality at t = " + t);
        }
        int side = 0;
        for (int i = 0; i < 200 && hi - lo > 1e-12 * (1 + Math.abs(lo)); i++) {
            double mid = (lo * fhi - hi * flo) / (fhi - flo);
            if (!(mid > lo && mid < hi)) {
                mid = (lo + hi) / 2;
            }
            double fm = cdf(t, mid) - target;
            if (fm == 0) {
                return mid;
            }
            if (fm > 0) {
                lo = mid;
                flo = fm;
                if (side == 1) fhi /= 2;
                side = 1;
            } else {
                hi = mid;
                fhi = fm;
                if (side == -1) flo /= 2;
                side = -1;
            }
        }
        return (lo + hi) / 2;
    }

    /** Nodes and weights of n-point Gauss–Legendre on [−1, 1], by Newton's method on P_n. */
    private static void gaussLegendre(double[] x, double[] w) {
        int n = x.length;
        for (int i = 0; i < (n + 1) / 2; i++) {
            double z = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
            double dp;
            while (true) {
                double p0 = 1;
                double p1 = 0;
                for (int j = 1; j <= n; j++) {
                    double p2 = p1;
                    p1 = p0;
                    p0 = ((2 * j - 1) * z * p1 - (j - 1) * p2) / j;
                }
                dp = n * (z * p0 - p1) / (z * z - 1);
                double dz = p0 / dp;
                z -= dz;
                if (Math.abs(dz) < 1e-15) {
                    break;
                }
            }
            x[i] = -z;
            x[n - 1 - i] = z;
            w[i] = w[n - 1 - i] = 2 / ((1 - z * z) * dp * dp);
        }
    }
}
