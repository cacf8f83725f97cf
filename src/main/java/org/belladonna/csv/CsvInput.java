package org.belladonna.csv;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Reads RFC 4180 CSV (Apache Commons CSV underneath): quoted fields with doubled quotes and line breaks
 * inside, LF or CRLF line ends, blank lines skipped, a UTF-8 byte-order mark ignored; a quote never closed,
 * or text after a closing quote, is refused. Rows stream one at a time with the line they start on, so a
 * caller can report "line 7: ..." and stop early on a huge file. The one CSV reader of the code base:
 * imports, score files and manifests all use it.
 */
public final class CsvInput implements Iterable<CsvRow>, Closeable {
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();

    private final CSVParser parser;

    private CsvInput(Reader in) {
        try {
            this.parser = FORMAT.parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static CsvInput of(Reader in) {
        return new CsvInput(in);
    }

    public static CsvInput of(String text) {
        return new CsvInput(new StringReader(text));
    }

    /**
     * Streams UTF-8 bytes, strictly: a byte sequence that is not UTF-8 (a file saved as Latin-1 or UTF-16)
     * stops the reading with {@link NotUtf8Exception} instead of turning into replacement characters.
     */
    public static CsvInput utf8(InputStream in) {
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        return new CsvInput(new BufferedReader(new InputStreamReader(in, strict), 64 * 1024));
    }

    /**
     * The rows in order, blank lines left out.
     *
     * @throws CsvException (while iterating) for text that is not CSV, e.g. a quoted field never closed
     */
    @Override
    public Iterator<CsvRow> iterator() {
        Iterator<CSVRecord> records = parser.iterator();
        return new Iterator<>() {
            // Empty lines are read as records (not skipped) so that each record starts one line after the last ends.
            private long endOfPrevious;
            private CsvRow next;

            @Override
            public boolean hasNext() {
                while (next == null) {
                    CSVRecord r;
                    try {
                        if (!records.hasNext()) {
                            return false;
                        }
                        r = records.next();
                    } catch (UncheckedIOException e) {
                        throw CsvException.of(e, endOfPrevious + 1);
                    }
                    long start = endOfPrevious + 1;
                    endOfPrevious = parser.getCurrentLineNumber();
                    List<String> cells = new ArrayList<>(r.toList());
                    if (cells.isEmpty() || (cells.size() == 1 && cells.get(0).isEmpty())) {
                        continue;
                    }
                    if (start == 1 && cells.get(0).startsWith("\uFEFF")) {
                        cells.set(0, cells.get(0).substring(1)); // a spreadsheet's byte-order mark
                    }
                    next = new CsvRow(start, cells);
                }
                return true;
            }

            @Override
            public CsvRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                CsvRow row = next;
                next = null;
                return row;
            }
        };
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    /** The text is not CSV; the message says where and why. */
    public static class CsvException extends RuntimeException {
        private CsvException(String message, Throwable cause) {
            super(message, cause);
        }

        static RuntimeException of(UncheckedIOException e, long line) {
            if (e.getCause() instanceof CharacterCodingException) {
                return new NotUtf8Exception(line, e);
            }
            if (!(e.getCause() instanceof org.apache.commons.csv.CSVException)) {
                return e; // a real read error, not bad text
            }
            String why = e.getCause().getMessage();
            String text = why.contains("EOF reached before encapsulated token finished")
                    ? "a quoted field that starts on line " + line + " is never closed"
                    : why.contains("Invalid character between encapsulated token and delimiter")
                    ? "line " + line + " has text after a closing quote (write a quote inside a quoted field as \"\")"
                    : "line " + line + " is not valid CSV (" + why + ")";
            return new CsvException(text, e);
        }
    }

    /** The bytes are not UTF-8 text; nothing after the last good line was read. */
    public static final class NotUtf8Exception extends CsvException {
        private NotUtf8Exception(long afterLine, Throwable cause) {
            super("the file is not UTF-8 text (" + (afterLine <= 1 ? "near its start"
                    : "a byte that is not UTF-8 comes after line " + (afterLine - 1))
                    + "); save it as UTF-8 (\"CSV UTF-8\" in a spreadsheet) and import it again", cause);
        }
    }
}
