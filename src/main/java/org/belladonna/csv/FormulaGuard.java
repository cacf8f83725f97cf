package org.belladonna.csv;

/**
 * Formula-safe text cells (OWASP "CSV injection"): a spreadsheet reads a cell starting with = + - @, a tab
 * or a carriage return as a formula, so such a text cell is written with a leading apostrophe, which
 * spreadsheets show as "text follows". The guard is exactly reversible: the writer also guards the cells
 * that {@link #unguard} would otherwise shorten (an apostrophe followed by a trigger or by another
 * apostrophe), so {@code unguard(guard(s)).equals(s)} for every string. Only text is guarded; numbers are
 * written by our own formatter and stay numbers ({@code -4.2} is not a formula).
 */
public final class FormulaGuard {
    private static final String TRIGGERS = "=+-@\t\r";

    private FormulaGuard() {
    }

    public static String guard(String text) {
        if (text.isEmpty()) {
            return text;
        }
        return TRIGGERS.indexOf(text.charAt(0)) >= 0 || isGuarded(text) ? "'" + text : text;
    }

    /** Undoes {@link #guard}; for files our own writer made (a hand-made "'=x" would lose its apostrophe). */
    public static String unguard(String cell) {
        return isGuarded(cell) ? cell.substring(1) : cell;
    }

    /** An apostrophe followed by a trigger or by another apostrophe: a shape only {@link #guard} writes. */
    private static boolean isGuarded(String cell) {
        return cell.length() >= 2 && cell.charAt(0) == '\''
                && (TRIGGERS.indexOf(cell.charAt(1)) >= 0 || cell.charAt(1) == '\'');
    }

    /** True when a spreadsheet would read this cell as a formula. */
    public static boolean looksLikeFormula(String cell) {
        return !cell.isEmpty() && TRIGGERS.indexOf(cell.charAt(0)) >= 0;
    }
}
