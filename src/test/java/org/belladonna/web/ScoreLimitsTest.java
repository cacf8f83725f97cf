package org.belladonna.web;

import org.belladonna.cli.CliRunner;
import org.belladonna.gallery.Gallery.NewImage;
import org.belladonna.store.ImageStore;
import org.belladonna.store.Scores;
import org.belladonna.testing.FormClient;
import org.belladonna.testing.Rows;
import org.belladonna.testing.TestImages;
import org.belladonna.testing.ServerPerClass;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Score imports have limits (rows per file, models per experiment, strict UTF-8), their error report is the
 * first 50 problems and a count, and the score, statistics and image pages stay small whatever is stored.
 */
class ScoreLimitsTest {
    static final int SMALL_PAGE = 50 * 1024;

    @RegisterExtension
    static final ServerPerClass server = new ServerPerClass();
    private static FormClient client;
    private static long experiment;
    private static String firstHash;

    @BeforeAll
    static void start() throws Exception {
        client = new FormClient(server.url(""));
        experiment = server.studio().gallery().createExperiment("limits", "", "");
        List<NewImage> images = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            byte[] png = TestImages.png(16, 16, 700 + i);
            images.add(new NewImage(i < 2 ? "p" : "q", i < 2, i % 2 == 0 ? "before" : "after", (long) i, "img" + i + ".png", "{}", png));
            if (i == 0) {
                firstHash = ImageStore.sha256(png);
            }
        }
        server.studio().gallery().addImages(experiment, images);
    }

    private static HttpResponse<String> importCsv(long id, String name, byte[] csv) throws Exception {
        return client.post("/experiments/" + id + "/scores/import", Map.of(), List.of(new FormClient.Part("csv", name, csv)));
    }

    private static int scores() {
        return Rows.count(server.studio().store(), "score");
    }

    @Test
    void a200000RowFileIsRefusedWithAShortPage() throws Exception {
        StringBuilder csv = new StringBuilder("image,model,score\n");
        for (int i = 0; i < 200_000; i++) {
            csv.append("img").append(i % 4).append(".png,m").append(i % 3).append(',').append(5 + (i % 7) * 0.1).append('\n');
        }
        int before = scores();
        HttpResponse<String> r = importCsv(experiment, "big.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
        int size = r.body().getBytes(StandardCharsets.UTF_8).length;
        System.out.printf("200,000-row CSV (%,d bytes): status %d, page %,d bytes%n", csv.length(), r.statusCode(), size);
        assertEquals(422, r.statusCode());
        assertTrue(r.body().contains("more than 100,000 score rows"), r.body());
        assertTrue(size < SMALL_PAGE, "page of " + size + " bytes");
        assertEquals(before, scores());
    }

    @Test
    void aFileOfBadRowsShowsTheFirstFiftyAndACount() throws Exception {
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            csv.append("img0.png,m,not-a-number-").append(i).append('\n');
        }
        HttpResponse<String> r = importCsv(experiment, "bad.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
        int size = r.body().getBytes(StandardCharsets.UTF_8).length;
        System.out.printf("5,000 bad rows: status %d, page %,d bytes%n", r.statusCode(), size);
        assertEquals(422, r.statusCode());
        assertTrue(r.body().contains("5000 problems; the first 50 are listed"), r.body());
        assertTrue(r.body().contains("line 50: ") && !r.body().contains("line 51: "), "the first 50 lines only");
        assertTrue(r.body().contains("and 4950 more"), r.body());
        assertTrue(size < SMALL_PAGE, "page of " + size + " bytes");
        assertEquals(0, server.studio().scoring().modelCount(experiment));
    }

    @Test
    void aFileThatIsNotUtf8IsRefusedOnTheWebAndTheCli(@TempDir Path cliDir) throws Exception {
        byte[] latin1 = "img0.png,modèle,5\nimg1.png,modèle,6\n".getBytes(StandardCharsets.ISO_8859_1);
        HttpResponse<String> r = importCsv(experiment, "latin1.csv", latin1);
        assertEquals(422, r.statusCode());
        assertTrue(r.body().contains("the file is not UTF-8 text"), r.body());

        // The CLI on a data directory of its own: two studios writing one SQLite file at once is not what this tests.
        Path file = Files.write(cliDir.resolve("latin1.csv"), latin1);
        var cliStudio = org.belladonna.app.Studio.open(cliDir.resolve("data"), cliDir.resolve("models"));
        long cliExperiment = cliStudio.gallery().createExperiment("cli", "", "");
        cliStudio.gallery().addImages(cliExperiment, List.of(new NewImage("p", true, "before", 1L, "img0.png", "{}", TestImages.png(16, 16, 711))));
        CliRunner.Result cli = CliRunner.run("import-scores", file.toString(), "--experiment", Long.toString(cliExperiment),
                "--data", cliDir.resolve("data").toString());
        assertEquals(1, cli.code());
        assertEquals(1, cli.err().strip().lines().count(), cli.err());
        assertTrue(cli.err().contains("the file is not UTF-8 text"), cli.err());
        assertEquals(0, server.studio().scoring().modelCount(experiment));
        assertEquals(0, cliStudio.scoring().modelCount(cliExperiment));
    }

    @Test
    void anExperimentTakesAtMostTwentyImportedModels() throws Exception {
        long id = server.studio().gallery().createExperiment("models", "", "");
        server.studio().gallery().addImages(id, List.of(new NewImage("p", true, "before", 1L, "one.png", "{}", TestImages.png(16, 16, 801))));
        StringBuilder csv = new StringBuilder();
        for (int m = 0; m < 21; m++) {
            csv.append("one.png,model-").append(m).append(",5\n");
        }
        HttpResponse<String> r = importCsv(id, "many.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
        assertEquals(422, r.statusCode());
        assertTrue(r.body().contains("at most 20 models"), r.body());
        assertEquals(0, server.studio().scoring().modelCount(id));
        assertEquals(200, importCsv(id, "twenty.csv", csv.substring(0, csv.lastIndexOf("one.png,model-20")).getBytes(StandardCharsets.UTF_8)).statusCode());
        assertEquals(20, server.studio().scoring().modelCount(id));
        HttpResponse<String> more = importCsv(id, "one-more.csv", "one.png,model-20,5\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(422, more.statusCode());
        assertTrue(more.body().contains("at most 20 models; it has 20"), more.body());
    }

    /** Data stored before these limits (or through the database itself): 1,000 models on one image. */
    @Test
    void pagesStaySmallWhateverIsStored() throws Exception {
        long id = server.studio().gallery().createExperiment("flooded", "", "");
        byte[] png = TestImages.png(16, 16, 901);
        server.studio().gallery().addImages(id, List.of(new NewImage("p", true, "before", 1L, "a.png", "{}", png),
                new NewImage("p", true, "after", 1L, "b.png", "{}", TestImages.png(16, 16, 902))));
        server.studio().store().write(h -> {
            for (long imageId : h.createQuery("SELECT i.id FROM image i JOIN prompt p ON p.id = i.prompt_id WHERE p.experiment_id = ?")
                    .bind(0, id).mapTo(Long.class).list()) {
                for (int m = 0; m < 1000; m++) {
                    Scores.put(h, imageId, "flood-" + "x".repeat(60) + m, "", 5, null, null, true);
                }
            }
            return null;
        });
        for (String path : List.of("/experiments/" + id + "/scores", "/experiments/" + id + "/scores?page=50",
                "/experiments/" + id + "/stats", "/experiments/" + id, "/images/" + ImageStore.sha256(png))) {
            HttpResponse<String> r = client.get(path);
            int size = r.body().getBytes(StandardCharsets.UTF_8).length;
            System.out.printf("%s with 1,000 models: status %d, %,d bytes%n", path, r.statusCode(), size);
            assertEquals(200, r.statusCode(), path);
            assertTrue(size < SMALL_PAGE, path + ": " + size + " bytes");
        }
        assertTrue(client.get("/experiments/" + id + "/scores").body().contains("Models 1–20 of 1000"));
        assertTrue(client.get("/experiments/" + id + "/stats").body().contains("980 more scoring models are not listed"));
        assertTrue(client.get("/images/" + ImageStore.sha256(png)).body().contains("The first 50 of 1000 scores."));
        // A model beyond the list is still reachable by name.
        assertEquals(200, client.get("/experiments/" + id + "/stats?model=flood-" + "x".repeat(60) + "999").statusCode());
        assertEquals(400, client.get("/experiments/" + id + "/stats?model=nope").statusCode());
        // Models it already has may be scored again; a new one may not.
        assertEquals(200, importCsv(id, "again.csv", ("a.png,flood-" + "x".repeat(60) + "7,6\n").getBytes(StandardCharsets.UTF_8)).statusCode());
        assertEquals(422, importCsv(id, "new.csv", "a.png,brand-new,6\n".getBytes(StandardCharsets.UTF_8)).statusCode());
    }
}
