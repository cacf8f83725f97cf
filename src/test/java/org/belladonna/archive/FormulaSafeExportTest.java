package org.belladonna.archive;

import org.belladonna.app.Studio;
import org.belladonna.csv.CsvInput;
import org.belladonna.csv.CsvRow;
import org.belladonna.csv.FormulaGuard;
import org.belladonna.gallery.Gallery.NewImage;
import org.belladonna.progress.Progress;
import org.belladonna.stats.PromptTableCsv;
import org.belladonna.store.Records.Image;
import org.belladonna.store.Scores;
import org.belladonna.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Text that a spreadsheet would run (= + - @) is written to every CSV of an export and to the statistics
 * table with a leading apostrophe, numbers stay numbers, and importing the export gives back exactly the
 * same rows, apostrophes typed by people included.
 */
class FormulaSafeExportTest {
    /** Prompts, file names and model ids as an attacker (or an unlucky reviewer) might type them. */
    static final List<String> HOSTILE = List.of("=HYPERLINK(\"http://evil.example\",\"click\")", "+SUM(1,2)", "-4.2",
            "@cmd", "'=already quoted", "''", "'tis a prompt", "plain prompt");

    @TempDir
    Path tmp;

    @Test
    void everyExportedCsvIsFormulaSafeAndImportsBackExactly() throws Exception {
        Studio origin = Studio.open(tmp.resolve("origin"), tmp.resolve("models"));
        long id = origin.gallery().createExperiment("=evil experiment", "", "");
        List<NewImage> images = new ArrayList<>();
        for (int p = 0; p < HOSTILE.size(); p++) {
            for (String variant : List.of("before", "after")) {
                for (int seed = 0; seed < 3; seed++) {
                    images.add(new NewImage(HOSTILE.get(p), p % 2 == 0, variant, (long) seed - 1,
                            HOSTILE.get((p + seed) % HOSTILE.size()) + ".png", "{\"sampler\":\"=x\"}",
                            TestImages.png(16, 16, p * 100L + seed + (variant.equals("after") ? 50 : 0))));
                }
            }
        }
        origin.gallery().addImages(id, images);
        origin.store().write(h -> {
            for (Image image : h.createQuery("SELECT i.* FROM image i JOIN prompt p ON p.id = i.prompt_id WHERE p.experiment_id = ?")
                    .bind(0, id).mapTo(Image.class).list()) {
                double mean = -1.5 + image.id() * 0.01 * (image.variant().equals("after") ? 0.9 : 1);
                Scores.put(h, image.id(), "=model", "@v1", mean, 0.25, null, false);
                Scores.put(h, image.id(), "-m", "", mean + 1, null, null, true);
            }
            return null;
        });

        Path zip = tmp.resolve("export.zip");
        try (OutputStream o = Files.newOutputStream(zip)) {
            origin.export().write(origin.gallery().experiment(id).orElseThrow(), o);
        }
        Map<String, List<CsvRow>> csvs = csvEntries(zip);
        assertEquals(List.of("manifest.csv", "prompts.csv", "scores.csv"), csvs.keySet().stream().sorted().toList());
        for (var entry : csvs.entrySet()) {
            assertNoFormula(entry.getKey(), entry.getValue());
        }
        List<CsvRow> scores = csvs.get("scores.csv");
        int mean = scores.get(0).cells().indexOf("mean");
        assertTrue(scores.stream().skip(1).anyMatch(r -> r.cell(mean).startsWith("-")), "negative means stay numbers");
        assertTrue(scores.stream().skip(1).anyMatch(r -> r.cells().contains("'=model")), "model ids are guarded");
        int seed = csvs.get("manifest.csv").get(0).cells().indexOf("seed");
        assertTrue(csvs.get("manifest.csv").stream().skip(1).anyMatch(r -> r.cell(seed).equals("-1")), "seeds stay numbers");

        String stats = PromptTableCsv.write(origin.stats().analyse(id, "=model"));
        List<CsvRow> statRows = rows(stats);
        assertNoFormula("stats.csv", statRows);
        int change = PromptTableCsv.HEADER.indexOf("pct_change");
        assertTrue(statRows.stream().skip(1).anyMatch(r -> r.cell(change).startsWith("-")), "negative changes stay numbers: " + stats);
        assertTrue(stats.contains("'=HYPERLINK("), stats);

        Studio copy = Studio.open(tmp.resolve("copy"), tmp.resolve("models"));
        ImportSummary summary = copy.importer().run(zip, Importer.Target.fromSource(), Progress.NONE);
        assertEquals(Tables.dump(origin.store(), id), Tables.dump(copy.store(), summary.experimentId()));
        assertTrue(Tables.dump(copy.store(), summary.experimentId()).stream().anyMatch(l -> l.contains("|'=already quoted|")));
    }

    /** A hand-made archive (no mark from our exporter) keeps a leading apostrophe as typed. */
    @Test
    void aHandMadeManifestKeepsItsApostrophes() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("hand"));
        Files.write(dir.resolve("a.png"), TestImages.png(16, 16, 1));
        Files.writeString(dir.resolve("manifest.csv"), "file,prompt,variant\na.png,'=typed so,before\n");
        Studio studio = Studio.open(tmp.resolve("data"), tmp.resolve("models"));
        long id = studio.importer().run(dir, Importer.Target.byName("hand"), Progress.NONE).experimentId();
        assertTrue(Tables.dump(studio.store(), id).contains("prompt|0|'=typed so|0"), Tables.dump(studio.store(), id).toString());
    }

    static void assertNoFormula(String name, List<CsvRow> rows) {
        for (CsvRow row : rows) {
            for (String cell : row.cells()) {
                boolean number = cell.matches("-?[0-9.]+([eE][-+]?[0-9]+)?");
                assertTrue(number || !FormulaGuard.looksLikeFormula(cell), name + " line " + row.line() + ": [" + cell + "]");
            }
        }
    }

    static List<CsvRow> rows(String text) {
        List<CsvRow> rows = new ArrayList<>();
        CsvInput.of(text).forEach(rows::add);
        return rows;
    }

    private static Map<String, List<CsvRow>> csvEntries(Path zip) throws Exception {
        Map<String, List<CsvRow>> out = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().endsWith(".csv")) {
                    out.put(e.getName(), rows(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                }
            }
        }
        return out;
    }
}
