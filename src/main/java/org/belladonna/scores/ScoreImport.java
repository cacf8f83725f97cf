package org.belladonna.scores;

import org.belladonna.store.Experiments;
import org.belladonna.store.ImageStore;
import org.belladonna.store.Images;
import org.belladonna.store.Records.Image;
import org.belladonna.store.Scores;
import org.belladonna.store.Store;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Imports scores computed elsewhere ({@link ScoreCsv}) into an experiment. Each row names its image by
 * SHA-256 or by the file name the image was imported from; the score is stored under the row's model name,
 * marked imported. All or nothing: one bad row (unknown or ambiguous image, unparsable score, a second score
 * for the same image and model) and nothing is stored, and every bad row is reported by line number.
 */
public final class ScoreImport {
    private final Store store;

    public ScoreImport(Store store) {
        this.store = store;
    }

    /** What was stored: scores per model, and how many image rows they went to. */
    public record Result(int rows, int images, Map<String, Integer> imagesByModel) {
    }

    /**
     * Distinct scoring models one experiment may hold from imports. A study compares a handful of scorers;
     * 20 keeps the scores and statistics pages (one line and one choice per model) small, where an unchecked
     * file once brought a million made-up model names.
     */
    public static final int MAX_MODELS_PER_EXPERIMENT = 20;

    /** The CSV had bad rows; nothing was imported. */
    public static final class BadRowsException extends Exception {
        private final List<String> problems;
        private final long total;

        BadRowsException(RowProblems problems) {
            super("nothing imported: " + summary(problems.count()) + " ("
                    + String.join("; ", problems.shown()) + (problems.count() > problems.shown().size()
                    ? "; and " + (problems.count() - problems.shown().size()) + " more" : "") + ")");
            this.problems = problems.shown();
            this.total = problems.count();
        }

        private static String summary(long count) {
            return count + " problem" + (count == 1 ? "" : "s");
        }

        /** "line 7: ..." for the first {@value RowProblems#SHOWN} bad rows, in file order (whole-file problems first). */
        public List<String> problems() {
            return problems;
        }

        /** How many problems there were in all (more than {@link #problems()} holds when the file is bad throughout). */
        public long total() {
            return total;
        }
    }

    /**
     * Imports a score CSV ({@link ScoreCsv}). Each score's model_version is the file's model_version column, or
     * empty: never the file's name, which says nothing about the weights and changes when the file is renamed.
     *
     * @throws IllegalArgumentException for an unknown experiment
     */
    public Result importCsv(long experimentId, Reader csv) throws IOException, BadRowsException {
        return importParsed(experimentId, ScoreCsv.parse(csv));
    }

    /** As {@link #importCsv(long, Reader)} from UTF-8 bytes, decoded strictly (a Latin-1 file is refused). */
    public Result importCsv(long experimentId, InputStream csv) throws IOException, BadRowsException {
        return importParsed(experimentId, ScoreCsv.parse(csv));
    }

    private Result importParsed(long experimentId, ScoreCsv.Parsed parsed) throws BadRowsException {
        if (parsed.refusedWhole()) {
            throw new BadRowsException(parsed.problems());
        }
        return store.write(h -> {
            Experiments.find(h, experimentId).orElseThrow(() -> new IllegalArgumentException("there is no experiment " + experimentId));
            Map<Long, String> promptText = new HashMap<>();
            org.belladonna.store.Prompts.list(h, experimentId).forEach(p -> promptText.put(p.id(), p.text()));
            Matcher matcher = new Matcher(Images.ofExperiment(h, experimentId), promptText);
            RowProblems problems = parsed.problems();
            List<Match> matches = new ArrayList<>();
            Map<String, Integer> firstLine = new HashMap<>();
            for (ScoreCsv.Row row : parsed.rows()) {
                Match match = matcher.match(row);
                if (match.problem() != null) {
                    problems.add(row.line(), match.problem());
                    continue;
                }
                Integer earlier = firstLine.putIfAbsent(match.hash() + "\u0000" + row.model(), row.line());
                if (earlier != null) {
                    problems.add(row.line(), row.image() + " already has a " + row.model() + " score on line " + earlier);
                    continue;
                }
                matches.add(match);
            }
            if (parsed.rows().isEmpty() && problems.isEmpty()) {
                problems.add(1, "the file has no score rows");
            }
            checkModelCount(h, experimentId, parsed.rows(), problems);
            if (!problems.isEmpty()) {
                throw new BadRowsException(problems);
            }
            Map<String, Integer> byModel = new TreeMap<>();
            List<Scores.Imported> scores = new ArrayList<>();
            for (Match match : matches) {
                ScoreCsv.Row row = match.row();
                for (long imageId : match.imageIds()) {
                    scores.add(new Scores.Imported(imageId, row.model(), row.modelVersion(), row.score(), row.std(),
                            row.distribution()));
                    byModel.merge(row.model(), 1, Integer::sum);
                }
            }
            Scores.putImported(h, scores);
            return new Result(matches.size(), scores.size(), byModel);
        });
    }

    /**
     * The models this file brings that the experiment lacks, plus the models it has, may not pass
     * {@link #MAX_MODELS_PER_EXPERIMENT}; models it already has may be scored again.
     */
    private static void checkModelCount(org.jdbi.v3.core.Handle h, long experimentId, List<ScoreCsv.Row> rows, RowProblems problems) {
        Set<String> added = new TreeSet<>();
        Set<String> seen = new java.util.HashSet<>();
        for (ScoreCsv.Row row : rows) {
            if (seen.add(row.model()) && !Scores.hasModel(h, experimentId, row.model())) {
                added.add(row.model());
                if (added.size() > MAX_MODELS_PER_EXPERIMENT) {
                    break;
                }
            }
        }
        if (added.isEmpty()) {
            return;
        }
        int has = Scores.modelsOf(h, experimentId, MAX_MODELS_PER_EXPERIMENT + 1).size();
        if (has + added.size() > MAX_MODELS_PER_EXPERIMENT) {
            problems.fileProblem("an experiment holds scores of at most " + MAX_MODELS_PER_EXPERIMENT
                    + " models; it has " + (has > MAX_MODELS_PER_EXPERIMENT ? "more than " + MAX_MODELS_PER_EXPERIMENT : has)
                    + " and this file names " + (added.size() > MAX_MODELS_PER_EXPERIMENT ? "more than " + MAX_MODELS_PER_EXPERIMENT : added.size())
                    + " others (" + String.join(", ", added.stream().limit(5).toList()) + (added.size() > 5 ? ", …" : "") + ")");
        }
    }

    /** A row matched to the image rows of one file (the same file may sit under several prompts), or why not. */
    private record Match(ScoreCsv.Row row, String hash, List<Long> imageIds, String problem) {
    }

    /** Finds an experiment's images by hash or by source file name. */
    private static final class Matcher {
        private final Map<String, List<Image>> byHash = new HashMap<>();
        private final Map<String, List<Image>> byName = new HashMap<>();
        private final Map<Long, String> promptText;

        Matcher(List<Image> images, Map<Long, String> promptText) {
            this.promptText = promptText;
            for (Image image : images) {
                byHash.computeIfAbsent(image.hash(), k -> new ArrayList<>()).add(image);
                if (!image.sourceName().isEmpty()) {
                    byName.computeIfAbsent(image.sourceName(), k -> new ArrayList<>()).add(image);
                }
            }
        }

        /** The row's image, narrowed to its prompt and variant columns when it has them. */
        Match match(ScoreCsv.Row row) {
            Match m = matchFile(row);
            if (m.problem() != null || (row.prompt() == null && row.variant() == null)) {
                return m;
            }
            List<Long> ids = new ArrayList<>();
            for (Image image : byHash.get(m.hash())) {
                if ((row.prompt() == null || row.prompt().equals(promptText.get(image.promptId())))
                        && (row.variant() == null || row.variant().equals(image.variant()))) {
                    ids.add(image.id());
                }
            }
            return ids.isEmpty() ? new Match(row, null, null, "'" + row.image() + "' is not in this experiment"
                    + (row.prompt() == null ? "" : " under the prompt '" + row.prompt() + "'")
                    + (row.variant() == null ? "" : " as a '" + row.variant() + "' image"))
                    : new Match(row, m.hash(), ids, null);
        }

        private Match matchFile(ScoreCsv.Row row) {
            String key = row.image();
            String hash = key.toLowerCase(Locale.ROOT);
            if (ImageStore.isHash(hash)) {
                List<Image> images = byHash.get(hash);
                return images == null ? new Match(row, null, null, "no image of this experiment has the hash " + hash)
                        : new Match(row, hash, ids(images), null);
            }
            List<Image> named = byName.get(key);
            if (named == null) {
                return new Match(row, null, null, "no image of this experiment was imported from a file named '" + key + "'");
            }
            List<String> hashes = named.stream().map(Image::hash).distinct().toList();
            if (hashes.size() > 1) {
                return new Match(row, null, null, "the file name '" + key + "' is ambiguous: " + hashes.size()
                        + " different images of this experiment have it; use the image's hash instead");
            }
            return new Match(row, hashes.get(0), ids(named), null);
        }

        private static List<Long> ids(List<Image> images) {
            return images.stream().map(Image::id).toList();
        }
    }
}
