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
 */
public final class CsvOutput {
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
