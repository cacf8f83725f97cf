package org.belladonna.web;

import org.belladonna.stats.Interval;
import org.belladonna.stats.Value;

import java.util.Locale;

/** Formats the statistics page's cells: a number, or the reason there is none ("n too small") as text. */
public final class StatsCells {
    public String num(Value v, int decimals) {
        return v.format(decimals);
    }

    /** "−8.0 % [−10.2, −5.9]": a value with its interval, or the reason. */
    public String withCi(Value v, Interval ci, int decimals, String unit) {
        if (!v.isPresent()) {
            return v.format(decimals);
        }
        return v.format(decimals) + unit + (ci.isPresent() ? " " + ci.format(decimals) : " (CI: " + ci.format(decimals) + ")");
    }

    /** p-values: three decimals, or scientific notation below 0.001 so small ones keep their digits. */
    public String p(Value v) {
        if (!v.isPresent()) {
            return v.format(3);
        }
        double p = v.get();
        return p < 0.001 ? String.format(Locale.ROOT, "%.1e", p) : String.format(Locale.ROOT, "%.3f", p);
    }
}
