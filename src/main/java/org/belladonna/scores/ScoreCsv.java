package org.belladonna.scores;

import org.belladonna.csv.CsvInput;
import org.belladonna.csv.CsvRow;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one score CSV format, read by both the import layout ({@code scores.csv} beside a manifest) and the score
 * upload ({@code import-scores}, the web's "Import scores"): one score per row.
 *
 * <ul>
 *   <li>With a header (recommended): columns are found by name, in any order. Required: the image
 *       ({@code file}, {@code image} or {@code hash}: a file name as imported, or the image's SHA-256), the model
 *       ({@code model_id} or {@code model}) and the score ({@code mean} or {@code score}). Optional: {@code std},
 *       {@code model_version} (e.g. the weights' checksum; stored as the scores' version, empty when absent),
 *       {@code prompt} and {@code variant} (narrow a file that sits under several prompts or variants) and
 *       {@code distribution} (a JSON array of bucket probabilities). Other columns are refused, so a typo is
 *       not silently dropped.</li>
 *   <li>Without a header: {@code image, model, score[, std]} by position.</li>
 * </ul>
 * The file's own name is never taken as a version: a renamed copy must give the same scores. Rows that do not
 * parse are problems reported with their line numbers. Fields follow RFC 4180.
 */
public final class ScoreCsv {
    private static final Map<String, String> COLUMNS = columns();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<String, String> columns() {
        Map<String, String> m = new HashMap<>();
        for (String k : List.of("image", "file", "filename", "hash", "sha256", "name", "path", "imagefile",
                "imagefileorhash", "imageorhash")) {
            m.put(k, "image");
        }
        for (String k : List.of("model", "modelname", "modelid")) {
            m.put(k, "model");
        }
        for (String k : List.of("score", "mean", "meanscore")) {
            m.put(k, "score");
        }
        for (String k : List.of("std", "stddev", "sd", "standarddeviation")) {
            m.put(k, "std");
        }
        m.put("modelversion", "model_version");
        m.put("version", "model_version");
        m.put("prompt", "prompt");
        m.put("variant", "variant");
        m.put("distribution", "distribution");
        return Map.copyOf(m);
    }

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

    /**
     * A row that parsed: which image (a file name or a hash, as written), which model, its score; the optional
     * columns are "" / null when absent.
     */
    public record Row(int line, String image, String model, double score, Double std, String modelVersion,
                      String prompt, String variant, String distribution) {
    }

    /**
     * Rows that parsed, and the problems of those that did not (bounded). {@code refusedWhole} when the file
     * itself cannot be used (not UTF-8, not CSV, too many rows): its rows are not worth matching.
     */
    public record Parsed(List<Row> rows, RowProblems problems, boolean refusedWhole) {
    }

    /** Rows already split (the import layout's reader, which may take off its own export's formula guard). */
    public static Parsed parse(Iterable<CsvRow> rows) {
        return parseRows(rows);
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

    private static Parsed parse(CsvInput in) {
        return parseRows(in);
    }

    /** Streams the rows: at most {@link #MAX_ROWS} are ever held, and at most 50 problems. */
    private static Parsed parseRows(Iterable<CsvRow> in) {
        List<Row> rows = new ArrayList<>();
        RowProblems problems = new RowProblems();
        boolean first = true;
        Map<String, Integer> header = null;
        String scoreLabel = "score";
        int seen = 0;
        try {
            for (CsvRow record : in) {
                List<String> c = record.cells();
                if (first) {
                    first = false;
                    if (looksLikeHeader(c)) {
                        String problem = headerProblem(c);
                        if (problem != null) {
                            problems.fileProblem(problem);
                            return new Parsed(List.of(), problems, true);
                        }
                        header = headerIndex(c);
                        scoreLabel = c.get(header.get("score")).strip().toLowerCase(Locale.ROOT);
                        continue;
                    }
                }
                if (c.size() == 1 && c.get(0).isBlank()) {
                    continue;
                }
                if (++seen > MAX_ROWS) {
                    problems.fileProblem("the file has more than " + String.format(java.util.Locale.ROOT, "%,d", MAX_ROWS)
                            + " score rows; split it into files of at most that many rows and import each");
                    return new Parsed(List.of(), problems, true);
                }
                Map<String, String> cells = header != null ? byName(header, c) : byPosition(c);
                String problem = cells == null && header != null && c.size() > header.size()
                        ? "expected at most " + header.size() + " columns, as in the header, but found " + c.size()
                        : cells == null ? positionalProblem(c) : problem(cells, header != null, c.size(),
                        header == null ? 0 : header.size(), scoreLabel);
                if (problem != null) {
                    problems.add(record.line(), problem);
                    continue;
                }
                String std = cells.getOrDefault("std", "");
                String prompt = cells.getOrDefault("prompt", "").strip();
                String variant = cells.getOrDefault("variant", "").strip().toLowerCase(Locale.ROOT);
                String distribution = cells.getOrDefault("distribution", "").strip();
                rows.add(new Row((int) record.line(), cells.get("image").strip(), cells.get("model").strip(),
                        ScoreNumbers.value(cells.get("score")), std.isBlank() ? null : ScoreNumbers.value(std),
                        cells.getOrDefault("model_version", "").strip(), prompt.isEmpty() ? null : prompt,
                        variant.isEmpty() ? null : variant, distribution.isEmpty() ? null : compact(distribution)));
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

    /** A first row none of whose cells is a number, and whose cells include an image, a model and a score name. */
    private static boolean looksLikeHeader(List<String> cells) {
        java.util.Set<String> named = new java.util.HashSet<>();
        for (String cell : cells) {
            String k = COLUMNS.get(word(cell));
            if (k != null) {
                named.add(k);
            }
        }
        return named.containsAll(List.of("image", "model", "score"));
    }

    private static String headerProblem(List<String> cells) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String cell : cells) {
            String k = COLUMNS.get(word(cell));
            if (k == null) {
                return "the header names a column '" + cell.strip() + "' that is not part of the score CSV (image or file,"
                        + " model or model_id, score or mean, std, model_version, prompt, variant, distribution)";
            }
            if (!seen.add(k)) {
                return "the header names the " + k + " column twice";
            }
        }
        return null;
    }

    private static Map<String, Integer> headerIndex(List<String> cells) {
        Map<String, Integer> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < cells.size(); i++) {
            m.put(COLUMNS.get(word(cells.get(i))), i);
        }
        return m;
    }

    /** Header's names for a row; null when the row's column count is off (reported by the caller). */
    private static Map<String, String> byName(Map<String, Integer> header, List<String> cells) {
        // Trailing optional cells may be left off (a spreadsheet drops empty ones); required ones may not.
        if (cells.size() > header.size() || List.of("image", "model", "score").stream().anyMatch(k -> header.get(k) >= cells.size())) {
            return null;
        }
        Map<String, String> m = new HashMap<>();
        header.forEach((k, i) -> m.put(k, i < cells.size() ? cells.get(i) : ""));
        return m;
    }

    private static Map<String, String> byPosition(List<String> cells) {
        if (cells.size() < 3 || cells.size() > 4) {
            return null;
        }
        Map<String, String> m = new HashMap<>();
        m.put("image", cells.get(0));
        m.put("model", cells.get(1));
        m.put("score", cells.get(2));
        if (cells.size() == 4) {
            m.put("std", cells.get(3));
        }
        return m;
    }

    private static String word(String cell) {
        return cell.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    private static String positionalProblem(List<String> cells) {
        if (cells.size() < 3) {
            return "expected image, model, score[, std] but found " + cells.size() + " column" + (cells.size() == 1 ? "" : "s");
        }
        return "expected at most 4 columns (image, model, score, std) but found " + cells.size();
    }

    /** Why a row cannot be used, or null. Problems name the columns as the header does ("mean" or "score"). */
    private static String problem(Map<String, String> cells, boolean named, int size, int expected, String scoreName) {
        if (cells.get("image").isBlank()) {
            return "the image (file name or hash) is empty";
        }
        if (cells.get("model").isBlank()) {
            return "the model name is empty";
        }
        if (cells.get("model").strip().length() > 100) {
            return "the model name is longer than 100 characters";
        }
        if (cells.getOrDefault("model_version", "").strip().length() > 200) {
            return "the model_version is longer than 200 characters";
        }
        String variant = cells.getOrDefault("variant", "").strip().toLowerCase(Locale.ROOT);
        if (!variant.isEmpty() && !variant.equals("before") && !variant.equals("after")) {
            return "variant must be before or after, not '" + variant + "'";
        }
        String score = ScoreNumbers.scoreProblem(named ? scoreName : "score", cells.get("score"));
        if (score != null) {
            return score;
        }
        String std = ScoreNumbers.stdProblem("std", cells.getOrDefault("std", ""));
        if (std != null) {
            return std;
        }
        return distributionProblem(cells.getOrDefault("distribution", "").strip());
    }

    /** A checked distribution as compact JSON. */
    private static String compact(String json) {
        try {
            return JSON.readTree(json).toString();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("checked before", e);
        }
    }

    private static String distributionProblem(String raw) {
        if (raw.isEmpty()) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(raw);
            boolean ok = n != null && n.isArray() && n.size() <= 1000;
            for (Iterator<JsonNode> it = ok ? n.elements() : java.util.Collections.emptyIterator(); it.hasNext(); ) {
                JsonNode v = it.next();
                ok &= v.isNumber() && Double.isFinite(v.asDouble());
            }
            if (ok) {
                return null;
            }
        } catch (JsonProcessingException e) {
            // reported below
        }
        return "distribution must be a JSON array of numbers";
    }
}
