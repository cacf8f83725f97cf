package org.belladonna.archive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.belladonna.archive.ImportPlan.ExperimentInfo;
import org.belladonna.archive.ImportPlan.Item;
import org.belladonna.archive.ImportPlan.ScoreItem;
import org.belladonna.csv.CsvInput;
import org.belladonna.csv.CsvRow;
import org.belladonna.csv.FormulaGuard;
import org.belladonna.scores.ScoreCsv;
import org.belladonna.scores.ScoreImport;
import org.belladonna.scores.ScoreNumbers;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what a source holds into an {@link ImportPlan}. Two layouts:
 * <ul>
 *   <li>a manifest, {@code manifest.csv} (columns file, prompt, variant, seed, group, metadata, source_name;
 *       any other column is generator metadata) or {@code manifest.json} (an array of such objects, or
 *       {@code {"images": [...]}});</li>
 *   <li>the plain layout {@code <prompt>/before/*} and {@code <prompt>/after/*}, seeds taken from file names
 *       like {@code 42.png} or {@code seed-42.png}.</li>
 * </ul>
 * Either may carry {@code prompts.csv} (prompt, group: related|control), {@code scores.csv} (file, model_id,
 * mean; optional prompt, variant, model_version, std, distribution) and {@code experiment.json}. A source
 * wrapped in one top folder (a zipped folder) is read as if the folder were the root.
 */
final class ImportLayout {
    static final String MANIFEST_CSV = "manifest.csv";
    static final String MANIFEST_JSON = "manifest.json";
    static final String PROMPTS_CSV = "prompts.csv";
    static final String SCORES_CSV = "scores.csv";
    static final String EXPERIMENT_JSON = "experiment.json";
    /** Set in experiment.json by our exporter: its CSV text cells carry {@link FormulaGuard}'s apostrophe. */
    static final String FORMULA_GUARD = "csv_formula_guard";
    static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "webp");
    private static final Set<String> MANIFEST_COLUMNS = Set.of("file", "prompt", "variant", "seed", "group", "related", "metadata", "source_name");
    private static final Pattern SEED = Pattern.compile("^(?:\\d{1,18}|.*?seed[-_ ]?(\\d{1,18}).*)$", Pattern.CASE_INSENSITIVE);
    private static final int MAX_PROMPT = 2000;
    private static final int MAX_METADATA = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ImportSource source;
    private final String root;
    private final List<String> refused = new ArrayList<>();
    private final List<String> ignored = new ArrayList<>();
    private final List<String> prompts = new ArrayList<>();
    private final Map<String, Boolean> groups = new LinkedHashMap<>();
    private final List<Item> items = new ArrayList<>();
    private boolean formulaGuarded;
    private ImportPlan.Manifest manifest = ImportPlan.Manifest.NONE;

    private ImportLayout(ImportSource source, String root) {
        this.source = source;
        this.root = root;
    }

    static ImportPlan plan(ImportSource source) throws IOException, ImportRefusedException {
        ImportLayout layout = new ImportLayout(source, rootOf(source.files()));
        return layout.read();
    }

    private ImportPlan read() throws IOException, ImportRefusedException {
        Set<String> files = new LinkedHashSet<>();
        for (String name : source.files()) {
            if (ImportSource.isJunk(name)) {
                continue;
            }
            if (!name.startsWith(root)) {
                ignored.add(name);
                continue;
            }
            files.add(name.substring(root.length()));
        }
        ExperimentInfo experiment = files.contains(EXPERIMENT_JSON) ? experimentInfo() : null;
        if (files.contains(PROMPTS_CSV)) {
            readPromptGroups();
        }
        if (files.contains(MANIFEST_CSV) && files.contains(MANIFEST_JSON)) {
            refused.add("both manifest.csv and manifest.json are present; keep one");
        } else if (files.contains(MANIFEST_CSV)) {
            manifest = new ImportPlan.Manifest(MANIFEST_CSV, org.belladonna.store.ImageStore.sha256(source.read(root + MANIFEST_CSV)));
            manifestCsv(files);
        } else if (files.contains(MANIFEST_JSON)) {
            manifest = new ImportPlan.Manifest(MANIFEST_JSON, org.belladonna.store.ImageStore.sha256(source.read(root + MANIFEST_JSON)));
            manifestJson(files);
        } else {
            plainLayout(files);
        }
        List<ScoreItem> scores = files.contains(SCORES_CSV) ? scores() : List.of();
        Set<String> used = new java.util.HashSet<>(List.of(MANIFEST_CSV, MANIFEST_JSON, PROMPTS_CSV, SCORES_CSV, EXPERIMENT_JSON));
        items.forEach(i -> used.add(i.file().substring(root.length())));
        files.stream().filter(f -> !used.contains(f)).forEach(f -> ignored.add(root + f));
        if (items.isEmpty() && refused.isEmpty()) {
            refused.add("no images found: expected manifest.csv, manifest.json or folders <prompt>/before and <prompt>/after");
        }
        return new ImportPlan(experiment, List.copyOf(prompts), Map.copyOf(groups), List.copyOf(items), scores,
                List.copyOf(ignored), List.copyOf(refused), manifest);
    }

    /** A zipped folder puts everything under one top folder; look through it when that is clearly the case. */
    private static String rootOf(List<String> names) {
        List<String> real = names.stream().filter(n -> !ImportSource.isJunk(n)).toList();
        if (real.isEmpty() || real.contains(MANIFEST_CSV) || real.contains(MANIFEST_JSON)) {
            return "";
        }
        String first = real.get(0);
        int slash = first.indexOf('/');
        if (slash < 0) {
            return "";
        }
        String top = first.substring(0, slash + 1);
        if (!real.stream().allMatch(n -> n.startsWith(top))) {
            return "";
        }
        boolean manifestInside = real.contains(top + MANIFEST_CSV) || real.contains(top + MANIFEST_JSON);
        boolean plainInside = real.stream().filter(ImportLayout::isImageName).allMatch(n -> n.split("/").length == 4);
        return manifestInside || plainInside ? top : "";
    }

    private void plainLayout(Set<String> files) {
        for (String f : files) {
            if (!isImageName(f)) {
                continue;
            }
            String[] parts = f.split("/");
            String variant = parts.length == 3 ? parts[1].toLowerCase(Locale.ROOT) : "";
            if (parts.length != 3 || !(variant.equals("before") || variant.equals("after"))) {
                refused.add("'" + ImportSource.printable(f) + "' is not in the layout <prompt>/before/<file> or <prompt>/after/<file>");
                continue;
            }
            String prompt = checkPrompt(parts[0], f);
            if (prompt != null) {
                notePrompt(prompt);
                items.add(new Item(root + f, prompt, variant, seedFromName(parts[2]), f, "{}"));
            }
        }
    }

    private void manifestCsv(Set<String> files) throws IOException, ImportRefusedException {
        List<CsvRow> rows = csv(MANIFEST_CSV);
        if (rows.isEmpty()) {
            refused.add("manifest.csv is empty");
            return;
        }
        List<String> header = rows.get(0).cells().stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
        for (String required : List.of("file", "prompt", "variant")) {
            if (!header.contains(required)) {
                refused.add("manifest.csv has no '" + required + "' column");
            }
        }
        if (!refused.isEmpty()) {
            return;
        }
        for (CsvRow row : rows.subList(1, rows.size())) {
            Map<String, String> cells = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                cells.put(header.get(c), row.cell(c));
            }
            ObjectNode metadata = metadata(cells.get("metadata"), "manifest.csv line " + row.line());
            if (metadata != null) {
                cells.forEach((k, v) -> {
                    if (!MANIFEST_COLUMNS.contains(k) && !v.isEmpty() && !metadata.has(k)) {
                        metadata.put(k, v);
                    }
                });
            }
            manifestRow(files, "manifest.csv line " + row.line(), cells, metadata);
        }
    }

    private void manifestJson(Set<String> files) throws IOException, ImportRefusedException {
        JsonNode doc;
        try {
            doc = JSON.readTree(text(MANIFEST_JSON));
        } catch (JsonProcessingException e) {
            refused.add("manifest.json is not valid JSON (" + e.getOriginalMessage() + ")");
            return;
        }
        JsonNode list = doc != null && doc.isObject() ? doc.get("images") : doc;
        if (list == null || !list.isArray()) {
            refused.add("manifest.json must be an array of images or an object with an \"images\" array");
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode n = list.get(i);
            String where = "manifest.json image " + (i + 1);
            if (!n.isObject()) {
                refused.add(where + " is not an object");
                continue;
            }
            Map<String, String> cells = new HashMap<>();
            for (String key : List.of("file", "prompt", "variant", "seed", "group", "related", "source_name")) {
                JsonNode v = n.get(key);
                cells.put(key, v == null || v.isNull() ? "" : v.asText());
            }
            JsonNode meta = n.get("metadata");
            ObjectNode metadata = meta == null || meta.isNull() ? JSON.createObjectNode()
                    : meta.isObject() ? (ObjectNode) meta : metadata(meta.asText(), where);
            manifestRow(files, where, cells, metadata);
        }
    }

    private void manifestRow(Set<String> files, String where, Map<String, String> cells, ObjectNode metadata) {
        String file = cells.getOrDefault("file", "").strip();
        String variant = cells.getOrDefault("variant", "").strip().toLowerCase(Locale.ROOT);
        int before = refused.size();
        try {
            file = ImportSource.checkName(file);
        } catch (ImportRefusedException e) {
            refused.add(where + ": " + e.reasons().get(0));
            return;
        }
        if (!files.contains(file)) {
            refused.add(where + ": the file '" + ImportSource.printable(file) + "' is not in the archive");
        }
        if (!variant.equals("before") && !variant.equals("after")) {
            refused.add(where + ": variant must be before or after, not '" + ImportSource.printable(variant) + "'");
        }
        String prompt = checkPrompt(cells.getOrDefault("prompt", ""), where);
        Long seed = null;
        String seedText = cells.getOrDefault("seed", "").strip();
        if (!seedText.isEmpty()) {
            try {
                seed = Long.parseLong(seedText);
            } catch (NumberFormatException e) {
                refused.add(where + ": seed must be a whole number, not '" + ImportSource.printable(seedText) + "'");
            }
        }
        Boolean related = group(cells.getOrDefault("group", ""), where);
        if (related == null) {
            related = relatedFlag(cells.getOrDefault("related", ""), where);
        }
        if (refused.size() > before || prompt == null || metadata == null) {
            return;
        }
        notePrompt(prompt);
        if (related != null) {
            setGroup(prompt, related, where);
        }
        String sourceName = cells.getOrDefault("source_name", "").strip();
        items.add(new Item(root + file, prompt, variant, seed, sourceName.isEmpty() ? file : sourceName, metadata.toString()));
    }

    private void readPromptGroups() throws IOException, ImportRefusedException {
        List<CsvRow> rows = csv(PROMPTS_CSV);
        for (int r = 0; r < rows.size(); r++) {
            CsvRow row = rows.get(r);
            String where = "prompts.csv line " + row.line();
            if (r == 0 && row.size() >= 1 && row.cell(0).strip().equalsIgnoreCase("prompt")) {
                continue;
            }
            if (row.size() < 2) {
                refused.add(where + " needs two columns: prompt, related|control");
                continue;
            }
            String prompt = checkPrompt(row.cell(0), where);
            Boolean related = group(row.cell(1), where);
            if (prompt != null && related != null) {
                notePrompt(prompt);
                setGroup(prompt, related, where);
            } else if (prompt != null && row.cell(1).isBlank()) {
                refused.add(where + ": the group must be related or control");
            }
        }
    }

    /** scores.csv in the one score CSV format ({@link ScoreCsv}), the same parser as a score upload's. */
    private List<ScoreItem> scores() throws IOException, ImportRefusedException {
        List<CsvRow> rows = csv(SCORES_CSV);
        List<ScoreItem> scores = new ArrayList<>();
        if (rows.isEmpty()) {
            return scores;
        }
        ScoreCsv.Parsed parsed = ScoreCsv.parse(rows);
        parsed.problems().shown().forEach(p -> refused.add(p.startsWith("line ") ? "scores.csv " + p : "scores.csv: " + p));
        if (parsed.refusedWhole()) {
            return scores;
        }
        Set<String> known = new java.util.HashSet<>();
        items.forEach(i -> known.add(i.file().substring(root.length())));
        for (ScoreCsv.Row row : parsed.rows()) {
            if (!known.contains(row.image())) {
                refused.add("scores.csv line " + row.line() + ": '" + ImportSource.printable(row.image()) + "' is not an imported image");
                continue;
            }
            scores.add(new ScoreItem(root + row.image(), row.prompt(), row.variant(), row.model(), row.modelVersion(),
                    row.score(), row.std(), row.distribution()));
        }
        long models = scores.stream().map(ScoreItem::modelId).distinct().count();
        if (models > ScoreImport.MAX_MODELS_PER_EXPERIMENT) {
            refused.add("scores.csv names " + models + " scoring models; an experiment holds scores of at most "
                    + ScoreImport.MAX_MODELS_PER_EXPERIMENT);
        }
        return scores;
    }

    private ExperimentInfo experimentInfo() throws IOException, ImportRefusedException {
        try {
            JsonNode n = JSON.readTree(text(EXPERIMENT_JSON));
            formulaGuarded = n != null && n.path(FORMULA_GUARD).asBoolean(false);
            if (n == null || !n.isObject() || !n.path("name").isTextual() || n.path("name").asText().isBlank()) {
                refused.add("experiment.json needs a \"name\"");
                return null;
            }
            // "scorer": the scoring model the study used (e.g. "NIMA NASNet-Mobile (titu1994)"); the stats page
            // warns when the scores being analysed come from another one.
            return new ExperimentInfo(limit(n.path("name").asText(), 200), limit(n.path("description").asText(""), 2000),
                    limit(n.path("concept").asText(""), 200), limit(n.path("scorer").asText(""), 200));
        } catch (JsonProcessingException e) {
            refused.add("experiment.json is not valid JSON (" + e.getOriginalMessage() + ")");
            return null;
        }
    }

    private List<CsvRow> csv(String name) throws IOException, ImportRefusedException {
        List<CsvRow> rows = new ArrayList<>();
        try (CsvInput in = CsvInput.of(text(name))) {
            // Our own export guards text cells against formulas; take exactly that guard off again.
            in.forEach(row -> rows.add(formulaGuarded
                    ? new CsvRow(row.line(), row.cells().stream().map(FormulaGuard::unguard).toList()) : row));
            return rows;
        } catch (CsvInput.CsvException e) {
            refused.add(name + ": " + e.getMessage());
            return List.of();
        }
    }

    private String text(String name) throws IOException, ImportRefusedException {
        byte[] bytes = source.read(root + name);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ImportRefusedException(name + " is not UTF-8 text");
        }
    }

    private String checkPrompt(String raw, String where) {
        String prompt = raw.strip();
        if (prompt.isEmpty()) {
            refused.add(where + ": the prompt is empty");
            return null;
        }
        if (prompt.length() > MAX_PROMPT) {
            refused.add(where + ": the prompt is longer than " + MAX_PROMPT + " characters");
            return null;
        }
        return prompt;
    }

    private void notePrompt(String prompt) {
        if (!prompts.contains(prompt)) {
            prompts.add(prompt);
        }
    }

    private void setGroup(String prompt, boolean related, String where) {
        Boolean earlier = groups.putIfAbsent(prompt, related);
        if (earlier != null && earlier != related) {
            refused.add(where + ": '" + ImportSource.printable(prompt) + "' is marked both related and control");
        }
    }

    private Boolean group(String raw, String where) {
        String g = raw.strip().toLowerCase(Locale.ROOT);
        return switch (g) {
            case "" -> null;
            case "related" -> true;
            case "control" -> false;
            default -> {
                refused.add(where + ": group must be related or control, not '" + ImportSource.printable(g) + "'");
                yield null;
            }
        };
    }

    private Boolean relatedFlag(String raw, String where) {
        String g = raw.strip().toLowerCase(Locale.ROOT);
        return switch (g) {
            case "" -> null;
            case "1", "true", "yes", "related" -> true;
            case "0", "false", "no", "control" -> false;
            default -> {
                refused.add(where + ": related must be true or false, not '" + ImportSource.printable(g) + "'");
                yield null;
            }
        };
    }

    private ObjectNode metadata(String raw, String where) {
        if (raw == null || raw.isBlank()) {
            return JSON.createObjectNode();
        }
        if (raw.length() > MAX_METADATA) {
            refused.add(where + ": metadata is longer than " + MAX_METADATA + " characters");
            return null;
        }
        try {
            JsonNode n = JSON.readTree(raw);
            if (n != null && n.isObject()) {
                return (ObjectNode) n;
            }
        } catch (JsonProcessingException e) {
            // reported below
        }
        refused.add(where + ": metadata must be a JSON object");
        return null;
    }

    static boolean isImageName(String name) {
        int dot = name.lastIndexOf('.');
        return dot > name.lastIndexOf('/') && IMAGE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    static Long seedFromName(String fileName) {
        String stem = fileName.contains(".") ? fileName.substring(0, fileName.lastIndexOf('.')) : fileName;
        Matcher m = SEED.matcher(stem);
        if (!m.matches()) {
            return null;
        }
        return Long.parseLong(m.group(1) != null ? m.group(1) : stem);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static String limit(String s, int max) {
        String t = s.strip();
        return t.length() <= max ? t : t.substring(0, max);
    }
}
