package org.belladonna.scores;

import java.util.regex.Pattern;

/**
 * How a score (a mean rating) and its standard deviation must be written in every file the studio imports
 * (a score CSV, an archive's scores.csv): plain decimal numbers, optionally with an exponent, finite, and a
 * standard deviation never negative. Java's own parser would also take "NaN", "Infinity", "1f" or "0x1p3",
 * which a score never is. The one score validator: every import path asks it.
 */
public final class ScoreNumbers {
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private ScoreNumbers() {
    }

    /** Why {@code cell} is not a usable score, or null; {@code column} names it in the message. */
    public static String scoreProblem(String column, String cell) {
        String s = cell == null ? "" : cell.strip();
        if (s.isEmpty()) {
            return "the " + column + " is empty";
        }
        return isFinite(s) ? null : "the " + column + " '" + printable(s) + "' is not a finite number";
    }

    /** Why {@code cell} is not a usable standard deviation (empty is fine: unknown), or null. */
    public static String stdProblem(String column, String cell) {
        String s = cell == null ? "" : cell.strip();
        if (s.isEmpty()) {
            return null;
        }
        if (!isFinite(s)) {
            return "the " + column + " '" + printable(s) + "' is not a finite number";
        }
        return value(s) < 0 ? "the " + column + " " + s + " is negative" : null;
    }

    /** The value of a cell that passed its check; null for an empty std. */
    public static Double value(String cell) {
        String s = cell == null ? "" : cell.strip();
        return s.isEmpty() ? null : Double.parseDouble(s);
    }

    private static boolean isFinite(String s) {
        return DECIMAL.matcher(s).matches() && Double.isFinite(Double.parseDouble(s));
    }

    private static String printable(String s) {
        String t = s.replaceAll("\\p{Cntrl}", "?");
        return t.length() > 40 ? t.substring(0, 40) + "..." : t;
    }
}
