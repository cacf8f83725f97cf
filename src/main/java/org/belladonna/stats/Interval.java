package org.belladonna.stats;

import java.util.Objects;
import java.util.OptionalDouble;

/** A two-sided confidence interval, or the reason there is none. */
public record Interval(OptionalDouble lower, OptionalDouble upper, Missing missing) {

    public Interval {
        Objects.requireNonNull(lower, "lower");
        Objects.requireNonNull(upper, "upper");
        if (lower.isPresent() != upper.isPresent() || lower.isPresent() == (missing != null)) {
            throw new IllegalArgumentException("both bounds, or a reason");
        }
        if (lower.isPresent() && !(Double.isFinite(lower.getAsDouble()) && Double.isFinite(upper.getAsDouble())
                && lower.getAsDouble() <= upper.getAsDouble())) {
            throw new IllegalArgumentException("need finite lower <= upper: " + lower + ", " + upper);
        }
    }

    public static Interval of(double lower, double upper) {
        return new Interval(OptionalDouble.of(lower), OptionalDouble.of(upper), null);
    }

    public static Interval missing(Missing why) {
        return new Interval(OptionalDouble.empty(), OptionalDouble.empty(), Objects.requireNonNull(why));
    }

    public boolean isPresent() {
        return lower.isPresent();
    }

    public double low() {
        return lower.orElseThrow();
    }

    public double high() {
        return upper.orElseThrow();
    }

    /** "[a, b]" with fixed precision, or the reason text. */
    public String format(int decimals) {
        return isPresent()
                ? "[" + Numbers.fixed(low(), decimals) + ", " + Numbers.fixed(high(), decimals) + "]"
                : missing.text();
    }
}
