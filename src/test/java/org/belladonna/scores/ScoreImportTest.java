package org.belladonna.scores;

import org.belladonna.testing.TestDatabase;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.belladonna.app.Studio;
import org.belladonna.gallery.Gallery.NewImage;
import org.belladonna.store.Images;
import org.belladonna.store.Records.Image;
import org.belladonna.store.Records.Score;
import org.belladonna.testing.TestImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ParameterizedClass
@EnumSource(TestDatabase.class)
class ScoreImportTest {
    @Parameter
    TestDatabase database;

    @TempDir
    Path data;

    private Studio studio;
    private long experiment;
    private List<Image> images;

    /** Four files; "same.png" names two different files (ambiguous), "b.png" one file under two prompts. */
    @BeforeEach
    void experiment() throws Exception {
        studio = database.studio(data, data.resolve("models"));
        experiment = studio.gallery().createExperiment("import", "", "");
        studio.gallery().addImages(experiment, List.of(
                new NewImage("p1", true, "before", 1L, "a.png", "{}", TestImages.png(32, 32, 1)),
                new NewImage("p1", true, "after", 1L, "b.png", "{}", TestImages.png(32, 32, 2)),
                new NewImage("p2", false, "after", 1L, "b.png", "{}", TestImages.png(32, 32, 2)),
                new NewImage("p2", false, "before", 1L, "same.png", "{}", TestImages.png(32, 32, 3)),
                new NewImage("p2", false, "after", 2L, "same.png", "{}", TestImages.png(32, 32, 4))));
        images = studio.store().read(h -> Images.ofExperiment(h, experiment));
    }

    @Test
    void oneBadRowImportsNothingAndNamesItsLine() {
        String csv = """
                image,model,score,std
                a.png,laion-aesthetic,5.5,0.4
                b.png,laion-aesthetic,banana
                """;
        ScoreImport.BadRowsException e = assertThrows(ScoreImport.BadRowsException.class, () -> importCsv(csv));
        assertEquals(List.of("line 3: the score 'banana' is not a finite number"), e.problems());
        assertEquals(List.of(), scores());
    }

    @Test
    void everyBadRowIsReportedByLineNumberAndNothingIsImported() {
        String csv = String.join("\n",
                "a.png,laion,5.0",                                  // 1 good (no header)
                "unknown.png,laion,5.0",                            // 2 unknown name
                "a.png,laion",                                      // 3 missing column
                "b.png,laion,NaN",                                  // 4 NaN
                "same.png,laion,4.0",                               // 5 ambiguous
                "a.png,laion,6.0",                                  // 6 a second score for a.png
                "0".repeat(64) + ",laion,5.0",                      // 7 unknown hash
                "b.png,laion,5.0,-1",                               // 8 negative std
                "b.png,laion,Infinity",                             // 9 not finite
                "b.png,,5");                                        // 10 no model
        ScoreImport.BadRowsException e = assertThrows(ScoreImport.BadRowsException.class, () -> importCsv(csv));
        List<String> lines = e.problems().stream().map(p -> p.substring(0, p.indexOf(':'))).toList();
        assertEquals(List.of("line 2", "line 3", "line 4", "line 5", "line 6", "line 7", "line 8", "line 9", "line 10"),
                lines, String.join("\n", e.problems()));
        assertTrue(e.problems().get(3).contains("ambiguous"), e.problems().get(3));
        assertTrue(e.problems().get(4).contains("line 1"), e.problems().get(4));
        assertEquals(List.of(), scores());
    }

    @Test
    void goodCsvImportsByHashAndByFileName() throws Exception {
        Image a = image("a.png");
        Image sameBefore = images.stream().filter(i -> i.sourceName().equals("same.png") && i.variant().equals("before"))
                .findFirst().orElseThrow();
        String csv = "Image file or hash,Model name,Score,Std\r\n"
                + "a.png,laion-aesthetic,6.25,0.5\r\n"
                + sameBefore.hash().toUpperCase() + ",laion-aesthetic,4.5,\r\n"
                + "\"b.png\",\"laion-aesthetic\",\"7\"\r\n"
                + "a.png,clip-iqa,0.75\r\n";

        ScoreImport.Result result = importCsv(csv);

        assertEquals(4, result.rows());
        assertEquals(5, result.images(), "b.png is one file under two prompts: both rows get its score");
        assertEquals(Map.of("laion-aesthetic", 4, "clip-iqa", 1), result.imagesByModel());
        List<Score> scores = scores();
        assertEquals(5, scores.size());
        assertTrue(scores.stream().allMatch(s -> s.imported() && s.modelVersion().isEmpty() && s.distribution() == null));
        Score aLaion = score(a.id(), "laion-aesthetic");
        assertEquals(6.25, aLaion.mean());
        assertEquals(0.5, aLaion.std());
        Score byHash = score(sameBefore.id(), "laion-aesthetic");
        assertEquals(4.5, byHash.mean());
        assertNull(byHash.std());
        assertEquals(0.75, score(a.id(), "clip-iqa").mean());
        assertEquals(2, scores.stream().filter(s -> s.modelId().equals("laion-aesthetic") && s.mean() == 7).count());

        importCsv("a.png,laion-aesthetic,3\n");
        assertEquals(5, scores().size(), "importing again replaces, one score per image and model");
        assertEquals(3, score(a.id(), "laion-aesthetic").mean());
    }

    @Test
    void quotedFileNamesMayHoldCommasAndQuotes() throws Exception {
        long other = studio.gallery().createExperiment("names", "", "");
        studio.gallery().addImages(other, List.of(new NewImage("p", null, "before", 1L, "Water \"Lilies\", 1906.png", "{}",
                TestImages.png(32, 32, 9))));
        ScoreImport.Result result = studio.scoreImport().importCsv(other,
                new StringReader("\"Water \"\"Lilies\"\", 1906.png\",nima,5\n"));
        assertEquals(1, result.images());
    }

    @Test
    void anEmptyFileIsAnError() {
        ScoreImport.BadRowsException e = assertThrows(ScoreImport.BadRowsException.class,
                () -> importCsv("image,model,score\n"));
        assertTrue(e.problems().get(0).contains("no score rows"), e.problems().toString());
    }

    private ScoreImport.Result importCsv(String csv) throws Exception {
        return studio.scoreImport().importCsv(experiment, new StringReader(csv));
    }

    private Image image(String name) {
        return images.stream().filter(i -> i.sourceName().equals(name)).findFirst().orElseThrow();
    }

    private Score score(long imageId, String model) {
        return scores().stream().filter(s -> s.imageId() == imageId && s.modelId().equals(model)).findFirst().orElseThrow();
    }

    private List<Score> scores() {
        return ScoringServiceTest.scores(studio);
    }
}
