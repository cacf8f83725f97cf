package org.belladonna.stats;

import java.util.Locale;

/** Number formatting shared by the CSV, the plots and the methods text: locale-proof and without "-0". */
final class Numbers {
    private Numbers() {
    }

    static String fixed(double v, int decimals) {
        return noNegativeZero(String.format(Locale.ROOT, "%." + decimals + "f", v));
    }

    /** Scientific notation keeps small p-values readable at a fixed number of significant digits. */
    static String scientific(double v, int decimals) {
        return noNegativeZero(String.format(Locale.ROOT, "%." + decimals + "e", v));
    }

    private static String noNegativeZero(String s) {
        // "-0.000" after rounding says a sign the value does not have at this precision.
        return s.startsWith("-") && s.chars().noneMatch(c -> c >= '1' && c <= '9') ? s.substring(1) : s;
    }
}
