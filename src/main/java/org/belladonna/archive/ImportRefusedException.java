package org.belladonna.archive;

import java.util.List;

/**
 * An import was refused and nothing was stored. The message names every reason (up to a few), one a
 * person can act on; {@link #reasons()} has them all.
 */
public final class ImportRefusedException extends Exception {
    private static final int SHOWN = 8;

    private final List<String> reasons;

    public ImportRefusedException(String reason) {
        this(List.of(reason));
    }

    public ImportRefusedException(List<String> reasons) {
        super(message(reasons));
        this.reasons = List.copyOf(reasons);
    }

    public List<String> reasons() {
        return reasons;
    }

    private static String message(List<String> reasons) {
        StringBuilder s = new StringBuilder("Nothing was imported: ");
        s.append(String.join("; ", reasons.subList(0, Math.min(SHOWN, reasons.size()))));
        if (reasons.size() > SHOWN) {
            s.append("; and ").append(reasons.size() - SHOWN).append(" more");
        }
        return s.append('.').toString();
    }
}
