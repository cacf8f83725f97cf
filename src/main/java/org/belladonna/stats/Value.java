package org.belladonna.stats;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A reported number, or the reason there is none: pages print {@link #missing()}'s text
 * ("n too small") where a number would otherwise mislead.
 */
public record Value(OptionalDouble value, Missing missing) {

    public Value {
        Objects.requireNonNull(value, "value");
        if (value.isPresent() == (missing != null)) {
            throw new IllegalArgumentException("exactly one of value and missing");
        }
        if (value.isPresent() && !Double.isFinite(value.getAsDouble())) {
            throw new IllegalArgumentException("value must be finite: " + value);
        }
    }

    public static Value of(double v) {
        return new Value(OptionalDouble.of(v), null);
    }

    public static Value missing(Missing why) {
        return new Value(OptionalDouble.empty(), Objects.requireNonNull(why));
    }

    public boolean isPresent() {
        return value.isPresent();
    }

    /** The number; throws when missing. */
    public double get() {
        return value.orElseThrow();
    }

    /** Fixed-precision text with a dot decimal separator, or the reason text. */
    public String format(int decimals) {
        return isPresent() ? Numbers.fixed(get(), decimals) : missing.text();
    }
}
