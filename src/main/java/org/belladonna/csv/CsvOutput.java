package org.belladonna.csv;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.List;

/**
 * Writes RFC 4180 CSV (Apache Commons CSV underneath): CRLF line ends, quotes only where a cell needs them,
 * null as an empty cell. The one CSV writer of the code base: exports, statistics tables and manifests all
 * use it.
 *
 * <p>Rows of {@link Cell}s say what each cell is: {@link #text} (anything a person typed or a file named:
 * prompts, file names, model ids) is formula-safe through {@link FormulaGuard}; {@link #number} is a number
 * our own formatter wrote and is checked to be one, so it is never guarded ({@code -4.2} stays a number).
 * {@link #row(List)} of plain strings writes them as they are: only for fixed words such as header names.
 */
public final class CsvOutput {
    private static final java.util.regex.Pattern NUMBER =
            java.util.regex.Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?");

    /** One cell of a row: its text as written to the file. */
    public record Cell(String written) {
    }

    /** A text cell: a leading = + - @, tab or CR is neutralised with an apostrophe (see {@link FormulaGuard}). */
    public static Cell text(String value) {
        return new Cell(value == null ? "" : FormulaGuard.guard(value));
    }

    /** A number as our formatter wrote it ("" for none); anything else is a bug, not data. */
    public static Cell number(String value) {
        if (value == null || value.isEmpty()) {
            return new Cell("");
        }
        if (!NUMBER.matcher(value).matches()) {
            throw new IllegalArgumentException("not a number cell: " + value);
        }
        return new Cell(value);
    }

    private final Writer out;
    private final CSVPrinter printer;

    /** Into a string: {@link #toString()} returns what was written. */
    public CsvOutput() {
        this(new StringWriter());
    }

    /** Straight into {@code out} (a download), without holding the text; call {@link #flush()} at the end. */
    public CsvOutput(Writer out) {
        this.out = out;
        try {
            this.printer = new CSVPrinter(out, CSVFormat.RFC4180);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public CsvOutput row(List<String> cells) {
        try {
            printer.printRecord(cells.stream().map(c -> c == null ? "" : c).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public CsvOutput row(String... cells) {
        return row(Arrays.asList(cells));
    }

    /** A row of typed cells: text guarded, numbers as they are. */
    public CsvOutput cells(List<Cell> cells) {
        return row(cells.stream().map(Cell::written).toList());
    }

    public CsvOutput cells(Cell... cells) {
        return cells(Arrays.asList(cells));
    }

    public void flush() {
        try {
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Everything written so far, when writing into a string. */
    @Override
    public String toString() {
        flush();
        return out.toString();
    }
}
