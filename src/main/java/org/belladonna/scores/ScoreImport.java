package org.belladonna.scores;

import org.belladonna.store.Experiments;
import org.belladonna.store.ImageStore;
import org.belladonna.store.Images;
import org.belladonna.store.Records.Image;
import org.belladonna.store.Scores;
import org.belladonna.store.Store;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

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

    /** The CSV had bad rows; nothing was imported. */
    public static final class BadRowsException extends Exception {
        private final List<String> problems;

        BadRowsException(List<String> problems) {
            super("nothing imported: " + problems.size() + " bad row" + (problems.size() == 1 ? "" : "s") + " ("
                    + String.join("; ", problems) + ")");
            this.problems = List.copyOf(problems);
        }

        /** "line 7: ..." for each bad row, in file order. */
        public List<String> problems() {
            return problems;
        }
    }

    /**
     * @param label stored as each score's model_version, so an import can be told apart later (e.g. the CSV's name)
     * @throws IllegalArgumentException for an unknown experiment
     */
    public Result importCsv(long experimentId, String label, Reader csv) throws IOException, BadRowsException {
        ScoreCsv.Parsed parsed = ScoreCsv.parse(csv);
        return store.write(h -> {
            Experiments.find(h, experimentId).orElseThrow(() -> new IllegalArgumentException("there is no experiment " + experimentId));
            Matcher matcher = new Matcher(Images.ofExperiment(h, experimentId));
            List<String> problems = new ArrayList<>(parsed.problems());
            List<Match> matches = new ArrayList<>();
            Map<String, Integer> firstLine = new HashMap<>();
            for (ScoreCsv.Row row : parsed.rows()) {
                Match match = matcher.match(row);
                if (match.problem() != null) {
                    problems.add("line " + row.line() + ": " + match.problem());
                    continue;
                }
                Integer earlier = firstLine.putIfAbsent(match.hash() + "\u0000" + row.model(), row.line());
                if (earlier != null) {
                    problems.add("line " + row.line() + ": " + row.image() + " already has a " + row.model()
                            + " score on line " + earlier);
                    continue;
                }
                matches.add(match);
            }
            if (parsed.rows().isEmpty() && problems.isEmpty()) {
                problems.add("line 1: the file has no score rows");
            }
            if (!problems.isEmpty()) {
                problems.sort((a, b) -> Integer.compare(lineOf(a), lineOf(b)));
                throw new BadRowsException(problems);
            }
            Map<String, Integer> byModel = new TreeMap<>();
            int images = 0;
            for (Match match : matches) {
                ScoreCsv.Row row = match.row();
                for (long imageId : match.imageIds()) {
                    Scores.put(h, imageId, row.model(), label, row.score(), row.std(), null, true);
                    byModel.merge(row.model(), 1, Integer::sum);
                    images++;
                }
            }
            return new Result(matches.size(), images, byModel);
        });
    }

    private static int lineOf(String problem) {
        return Integer.parseInt(problem.substring("line ".length(), problem.indexOf(':')));
    }

    /** A row matched to the image rows of one file (the same file may sit under several prompts), or why not. */
    private record Match(ScoreCsv.Row row, String hash, List<Long> imageIds, String problem) {
    }

    /** Finds an experiment's images by hash or by source file name. */
    private static final class Matcher {
        private final Map<String, List<Image>> byHash = new HashMap<>();
        private final Map<String, List<Image>> byName = new HashMap<>();

        Matcher(List<Image> images) {
            for (Image image : images) {
                byHash.computeIfAbsent(image.hash(), k -> new ArrayList<>()).add(image);
                if (!image.sourceName().isEmpty()) {
                    byName.computeIfAbsent(image.sourceName(), k -> new ArrayList<>()).add(image);
                }
            }
        }

        Match match(ScoreCsv.Row row) {
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
