package org.belladonna.scores;

import org.belladonna.csv.CsvInput;
import org.belladonna.csv.CsvRow;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The score CSV reviewers bring from elsewhere: {@code image file or hash, model name, score[, std]}, one
 * score per row. A first row naming those columns is taken as the header; any other row that does not parse
 * is a problem reported with its line number. Fields follow RFC 4180 (quotes, doubled quotes, commas and
 * line breaks inside quotes), so file names with commas survive a spreadsheet's export.
 */
public final class ScoreCsv {
    private static final Set<String> IMAGE_HEADERS = Set.of("image", "file", "filename", "hash", "sha256", "name",
            "path", "imagefile", "imagefileorhash", "imageorhash");
    private static final Set<String> MODEL_HEADERS = Set.of("model", "modelname", "modelid");
    private static final Set<String> SCORE_HEADERS = Set.of("score", "mean", "meanscore");
    private static final Set<String> STD_HEADERS = Set.of("std", "stddev", "sd", "standarddeviation");

    /**
     * Rows per file. A file is one score per image and model: 100,000 rows is 50,000 images scored by two
     * models, far beyond a study here (hundreds to a few thousand generated images), and it is read, matched
     * and written (one batch) in about 5 s on the 2-core test machine under load, so the write lock is never
     * held for long. A bigger file is refused whole, before any matching.
     */
    public static final int MAX_ROWS = 100_000;
    /** Bytes per file: 100,000 rows of a 64-character hash, a model name and a score fit several times over. */
    public static final long MAX_FILE_BYTES = 32L << 20;

    private ScoreCsv() {
    }

    /** A row that parsed: which image (a file name or a hash, as written), which model, its score. */
    public record Row(int line, String image, String model, double score, Double std) {
    }

    /**
     * Rows that parsed, and the problems of those that did not (bounded). {@code refusedWhole} when the file
     * itself cannot be used (not UTF-8, not CSV, too many rows): its rows are not worth matching.
     */
    record Parsed(List<Row> rows, RowProblems problems, boolean refusedWhole) {
    }

    static Parsed parse(Reader csv) throws IOException {
        try (CsvInput in = CsvInput.of(csv)) {
            return parse(in);
        }
    }

    /** Strict UTF-8: a file in another encoding is refused with a line that says so. */
    static Parsed parse(InputStream csv) throws IOException {
        try (CsvInput in = CsvInput.utf8(csv)) {
            return parse(in);
        }
    }

    /** Streams the rows: at most {@link #MAX_ROWS} are ever held, and at most 50 problems. */
    private static Parsed parse(CsvInput in) {
        List<Row> rows = new ArrayList<>();
        RowProblems problems = new RowProblems();
        boolean first = true;
        int seen = 0;
        try {
            for (CsvRow record : in) {
                List<String> c = record.cells();
                if (first && isHeader(c)) {
                    first = false;
                    continue;
                }
                first = false;
                if (++seen > MAX_ROWS) {
                    problems.fileProblem("the file has more than " + String.format(java.util.Locale.ROOT, "%,d", MAX_ROWS)
                            + " score rows; split it into files of at most that many rows and import each");
                    return new Parsed(List.of(), problems, true);
                }
                String problem = problem(c);
                if (problem != null) {
                    problems.add(record.line(), problem);
                    continue;
                }
                rows.add(new Row((int) record.line(), c.get(0).strip(), c.get(1).strip(), ScoreNumbers.value(c.get(2)),
                        c.size() == 4 ? ScoreNumbers.value(c.get(3)) : null));
            }
        } catch (CsvInput.NotUtf8Exception e) {
            problems.fileProblem(e.getMessage());
            return new Parsed(List.of(), problems, true);
        } catch (CsvInput.CsvException e) {
            problems.fileProblem("the file is not CSV: " + e.getMessage());
            return new Parsed(List.of(), problems, true);
        }
        return new Parsed(rows, problems, false);
    }

    private static boolean isHeader(List<String> cells) {
        return (cells.size() == 3 || cells.size() == 4) && IMAGE_HEADERS.contains(word(cells.get(0)))
                && MODEL_HEADERS.contains(word(cells.get(1))) && SCORE_HEADERS.contains(word(cells.get(2)))
                && (cells.size() == 3 || STD_HEADERS.contains(word(cells.get(3))));
    }

    private static String word(String cell) {
        return cell.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    /** Why a row cannot be used, or null. */
    private static String problem(List<String> cells) {
        if (cells.size() < 3) {
            return "expected image, model, score[, std] but found " + cells.size() + " column" + (cells.size() == 1 ? "" : "s");
        }
        if (cells.size() > 4) {
            return "expected at most 4 columns (image, model, score, std) but found " + cells.size();
        }
        if (cells.get(0).isBlank()) {
            return "the image (file name or hash) is empty";
        }
        if (cells.get(1).isBlank()) {
            return "the model name is empty";
        }
        if (cells.get(1).strip().length() > 100) {
            return "the model name is longer than 100 characters";
        }
        String score = ScoreNumbers.scoreProblem("score", cells.get(2));
        return score != null ? score : cells.size() == 4 ? ScoreNumbers.stdProblem("std", cells.get(3)) : null;
    }
}
