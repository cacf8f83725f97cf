package org.belladonna.web;

import org.belladonna.cli.CliRunner;
import org.belladonna.csv.CsvInput;
import org.belladonna.csv.CsvRow;
import org.belladonna.csv.FormulaGuard;
import org.belladonna.gallery.Gallery.NewImage;
import org.belladonna.store.Scores;
import org.belladonna.testing.TestImages;
import org.belladonna.testing.ServerPerClass;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every CSV the studio writes, over the web and from the CLI, opens in a spreadsheet without running a formula. */
class FormulaSafeCsvTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    @RegisterExtension
    static final ServerPerClass server = new ServerPerClass();
    private static long experiment;

    @BeforeAll
    static void start() throws Exception {
        experiment = server.studio().gallery().createExperiment("formulas", "", "");
        List<NewImage> images = new ArrayList<>();
        String[] prompts = {"=HYPERLINK(\"http://evil.example\",\"x\")", "@SUM(A1:A9)", "+cmd|' /C calc'!A0", "-2+3"};
        for (int p = 0; p < prompts.length; p++) {
            for (int seed = 0; seed < 3; seed++) {
                for (String variant : List.of("before", "after")) {
                    images.add(new NewImage(prompts[p], p % 2 == 0, variant, (long) seed, "=file" + p + seed + variant + ".png",
                            "{}", TestImages.png(16, 16, 1000 + p * 10 + seed + (variant.equals("after") ? 5 : 0))));
                }
            }
        }
        server.studio().gallery().addImages(experiment, images);
        server.studio().store().write(h -> {
            for (long id : h.createQuery("SELECT i.id FROM image i JOIN prompt p ON p.id = i.prompt_id WHERE p.experiment_id = ?")
                    .bind(0, experiment).mapTo(Long.class).list()) {
                Scores.put(h, id, "=evil-model", "@v", 4 + (id % 5) * 0.3, null, null, true);
            }
            return null;
        });
    }

    private static void assertFormulaSafe(String what, String csv) {
        List<CsvRow> rows = new ArrayList<>();
        CsvInput.of(csv).forEach(rows::add);
        assertTrue(rows.size() > 1, what + " has rows");
        boolean guarded = false;
        for (CsvRow row : rows) {
            for (String cell : row.cells()) {
                boolean number = cell.matches("-?[0-9.]+([eE][-+]?[0-9]+)?");
                assertTrue(number || !FormulaGuard.looksLikeFormula(cell), what + " line " + row.line() + ": [" + cell + "]");
                guarded |= cell.startsWith("'=") || cell.startsWith("'@") || cell.startsWith("'+");
            }
        }
        assertTrue(guarded, what + " holds the hostile text, neutralised");
    }

    private static void assertZipFormulaSafe(String what, byte[] zip) throws Exception {
        int csvs = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().endsWith(".csv")) {
                    assertFormulaSafe(what + " " + e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    csvs++;
                }
            }
        }
        assertEquals(3, csvs, "manifest, prompts and scores");
    }

    @Test
    void statsCsvAndExportOverTheWeb() throws Exception {
        String model = URLEncoder.encode("=evil-model", StandardCharsets.UTF_8);
        HttpResponse<String> stats = HTTP.send(HttpRequest.newBuilder(URI.create(server.url("/experiments/" + experiment
                + "/stats.csv?model=" + model))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, stats.statusCode());
        assertFormulaSafe("stats.csv", stats.body());
        HttpResponse<byte[]> zip = HTTP.send(HttpRequest.newBuilder(URI.create(server.url("/experiments/" + experiment
                + "/export.zip"))).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, zip.statusCode());
        assertZipFormulaSafe("export.zip", zip.body());
    }

    @Test
    void statsCsvAndExportFromTheCli(@TempDir Path dir) throws Exception {
        CliRunner.Result r = CliRunner.run("export", Long.toString(experiment), "--csv", dir.resolve("stats.csv").toString(),
                "--out", dir.resolve("export.zip").toString(), "--model", "=evil-model", "--data", server.dataDir().toString());
        assertEquals(0, r.code(), r.err());
        assertFormulaSafe("CLI stats.csv", Files.readString(dir.resolve("stats.csv")));
        assertZipFormulaSafe("CLI export.zip", Files.readAllBytes(dir.resolve("export.zip")));
    }
}
