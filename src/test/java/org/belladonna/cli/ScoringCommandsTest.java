package org.belladonna.cli;

import org.belladonna.app.Studio;
import org.belladonna.gallery.Gallery.NewImage;
import org.belladonna.testing.Rows;
import org.belladonna.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The score, import-scores and models list commands as a user meets them: exit codes and messages. */
class ScoringCommandsTest {
    private static final String INSTALL = "belladonna models pull nima-mobilenet-aesthetic";

    @TempDir
    Path dir;

    @Test
    void scoringWithoutTheWeightsFailsInOneLineNamingTheInstallCommandAndStoresNothing() throws Exception {
        long id = experiment();
        CliTest.Run r = CliTest.run("score", "--experiment", "" + id, "--data", data(), "--models", models());
        assertEquals(1, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(INSTALL), r.err());
        assertEquals(0, scoreCount());

        Path file = Files.write(dir.resolve("loose.png"), TestImages.png(40, 40, 5));
        CliTest.Run loose = CliTest.run("score", file.toString(), "--models", models());
        assertEquals(1, loose.code());
        assertEquals(1, loose.err().strip().lines().count(), loose.err());
        assertTrue(loose.err().contains(INSTALL), loose.err());
    }

    @Test
    void scoreNeedsAnExperimentOrFilesAndAComputableModel() throws Exception {
        long id = experiment();
        CliTest.Run neither = CliTest.run("score", "--data", data());
        assertEquals(Main.USAGE, neither.code());
        assertTrue(neither.err().contains("either --experiment ID or IMAGE"), neither.err());
        CliTest.Run other = CliTest.run("score", "--experiment", "" + id, "--model", "laion", "--data", data());
        assertEquals(1, other.code());
        assertTrue(other.err().contains("import-scores"), other.err());
        CliTest.Run unknown = CliTest.run("score", "--experiment", "999", "--data", data(), "--models", models());
        assertEquals(1, unknown.code());
        assertTrue(unknown.err().contains("no experiment 999"), unknown.err());
    }

    @Test
    void importScoresReportsBadRowsByLineAndImportsNothingThenImportsAGoodFile() throws Exception {
        long id = experiment();
        Path bad = Files.writeString(dir.resolve("bad.csv"), "image,model,score\nfirst.png,laion,5\nfirst.png,laion\n");
        CliTest.Run r = CliTest.run("import-scores", bad.toString(), "--experiment", "" + id, "--data", data());
        assertEquals(1, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("belladonna import-scores: ") && r.err().contains("bad.csv"), r.err());
        assertTrue(r.err().contains("line 3: expected image, model, score[, std] but found 2 columns"), r.err());
        assertTrue(r.err().contains("nothing imported"), r.err());
        assertEquals(0, scoreCount());

        Path good = Files.writeString(dir.resolve("good.csv"), "first.png,laion,5\nsecond.png,laion,6.5,0.3\n");
        CliTest.Run ok = CliTest.run("import-scores", good.toString(), "--experiment", "" + id, "--data", data());
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().contains("Imported 2 score rows onto 2 images"), ok.out());
        assertEquals(2, scoreCount());
    }

    @Test
    void modelsListShowsNimaMissingWithItsInstallCommand() {
        CliTest.Run r = CliTest.run("models", "list", "--models", models());
        assertEquals(0, r.code(), r.err());
        String nima = r.out().lines().filter(l -> l.startsWith("nima-mobilenet-aesthetic")).findFirst().orElseThrow();
        assertTrue(nima.contains("missing") && nima.contains("install: " + INSTALL), nima);
    }

    private long experiment() throws Exception {
        Studio studio = Studio.open(dir.resolve("data"), dir.resolve("models"));
        long id = studio.gallery().createExperiment("cli", "", "");
        studio.gallery().addImages(id, List.of(
                new NewImage("p", true, "before", 1L, "first.png", "{}", TestImages.png(32, 32, 1)),
                new NewImage("p", true, "after", 1L, "second.png", "{}", TestImages.png(32, 32, 2))));
        return id;
    }

    private int scoreCount() {
        return Rows.count(Studio.open(dir.resolve("data"), dir.resolve("models")).store(), "score");
    }

    private String data() {
        return dir.resolve("data").toString();
    }

    private String models() {
        return dir.resolve("models").toString();
    }
}
