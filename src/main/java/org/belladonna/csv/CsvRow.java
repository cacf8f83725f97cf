package org.belladonna.csv;

import java.util.List;

/** One CSV record and the line of the file it starts on (1-based; a quoted line break makes it span more). */
public record CsvRow(long line, List<String> cells) {
    public CsvRow {
        cells = List.copyOf(cells);
    }

    /** The cell at {@code index}, or "" past the end of a short row. */
    public String cell(int index) {
        return index < cells.size() ? cells.get(index) : "";
    }

    public int size() {
        return cells.size();
    }
}
