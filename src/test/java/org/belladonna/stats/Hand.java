package org.belladonna.stats;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;

/** Plain textbook formulas, written out independently of the code under test. */
final class Hand {
    private Hand() {
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) s += v;
        return s / x.length;
    }

    static double var(double[] x) {
        double m = mean(x);
        double s = 0;
        for (double v : x) s += (v - m) * (v - m);
        return s / (x.length - 1);
    }

    static double pct(double before, double after) {
        return (after / before - 1) * 100;
    }

    /** U of x versus y by counting all pairs: x > y counts 1, ties ½. */
    static double u(double[] x, double[] y) {
        double u = 0;
        for (double a : x) for (double b : y) u += a > b ? 1 : a == b ? 0.5 : 0;
        return u;
    }

    /** Hyndman–Fan type 7: h = (n − 1)p, linear interpolation between order statistics. */
    static double quantile7(double[] x, double p) {
        double[] s = x.clone();
        Arrays.sort(s);
        double h = (s.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, s.length - 1);
        return s[lo] + (h - lo) * (s[hi] - s[lo]);
    }

    static double resampledMean(double[] x, UniformRandomProvider rng) {
        double[] r = new double[x.length];
        for (int i = 0; i < r.length; i++) r[i] = x[rng.nextInt(x.length)];
        return mean(r);
    }
}
