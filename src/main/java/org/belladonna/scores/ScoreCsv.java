package org.belladonna.scores;

import java.io.BufferedReader;
import java.io.IOException;
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

    private ScoreCsv() {
    }

    /** A row that parsed: which image (a file name or a hash, as written), which model, its score. */
    public record Row(int line, String image, String model, double score, Double std) {
    }

    /** Rows that parsed and problems ("line 7: ...") for those that did not, in file order. */
    public record Parsed(List<Row> rows, List<String> problems) {
    }

    public static Parsed parse(Reader csv) throws IOException {
        List<Row> rows = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<Record> records = records(csv);
        for (int i = 0; i < records.size(); i++) {
            Record record = records.get(i);
            if (i == 0 && isHeader(record.cells())) {
                continue;
            }
            String problem = problem(record.cells());
            if (problem != null) {
                problems.add("line " + record.line() + ": " + problem);
                continue;
            }
            List<String> c = record.cells();
            rows.add(new Row(record.line(), c.get(0).strip(), c.get(1).strip(), number(c.get(2)),
                    c.size() == 4 && !c.get(3).isBlank() ? number(c.get(3)) : null));
        }
        return new Parsed(rows, problems);
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
        String score = cells.get(2).strip();
        if (score.isEmpty()) {
            return "the score is empty";
        }
        if (!isFinite(score)) {
            return "the score '" + score + "' is not a finite number";
        }
        if (cells.size() == 4 && !cells.get(3).isBlank()) {
            String std = cells.get(3).strip();
            if (!isFinite(std)) {
                return "the std '" + std + "' is not a finite number";
            }
            if (number(std) < 0) {
                return "the std " + std + " is negative";
            }
        }
        return null;
    }

    /** Plain decimal numbers only: Java would also take "NaN", "Infinity" and "1f", which a score never is. */
    private static boolean isFinite(String s) {
        if (!s.strip().matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
            return false;
        }
        return Double.isFinite(number(s));
    }

    private static double number(String s) {
        return Double.parseDouble(s.strip());
    }

    /** One CSV record and the line it starts on; blank lines are skipped. */
    private record Record(int line, List<String> cells) {
    }

    private static List<Record> records(Reader csv) throws IOException {
        BufferedReader in = new BufferedReader(csv);
        List<Record> records = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        int line = 1;
        int start = 1;
        for (int c; (c = in.read()) != -1; ) {
            char ch = (char) c;
            if (ch == '\uFEFF' && line == 1 && !any && cell.isEmpty()) {
                continue; // a spreadsheet's byte-order mark
            }
            if (quoted) {
                if (ch == '"') {
                    in.mark(1);
                    if (in.read() == '"') {
                        cell.append('"');
                    } else {
                        in.reset();
                        quoted = false;
                    }
                } else {
                    if (ch == '\n') {
                        line++;
                    }
                    cell.append(ch);
                }
            } else if (ch == '"' && cell.toString().isBlank()) {
                quoted = true;
                cell.setLength(0);
                any = true;
            } else if (ch == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
                any = true;
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r') {
                    in.mark(1);
                    if (in.read() != '\n') {
                        in.reset();
                    }
                }
                if (any || !cell.toString().isBlank()) {
                    cells.add(cell.toString());
                    records.add(new Record(start, List.copyOf(cells)));
                }
                cells.clear();
                cell.setLength(0);
                any = false;
                line++;
                start = line;
            } else {
                cell.append(ch);
                any = true;
            }
        }
        if (any || !cell.toString().isBlank()) {
            cells.add(cell.toString());
            records.add(new Record(start, List.copyOf(cells)));
        }
        return records;
    }
}
