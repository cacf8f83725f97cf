package org.belladonna.archive;

import org.belladonna.testing.TestDatabase;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.belladonna.progress.Progress;
import org.belladonna.testing.StudyFiles;
import org.belladonna.app.Studio;
import org.belladonna.stats.PromptTableCsv;
import org.belladonna.store.Records.Image;
import org.belladonna.store.Scores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ParameterizedClass
@EnumSource(TestDatabase.class)
class ExportRoundTripTest {
    @Parameter
    TestDatabase database;

    @TempDir
    Path tmp;

    @Test
    void exportThenImportIntoAnEmptyInstanceReproducesTablesAndTheStatsCsvByteForByte() throws Exception {
        Studio origin = database.studio(tmp.resolve("origin"), tmp.resolve("models"));
        long id = origin.importer().run(StudyFiles.plainFolder(tmp.resolve("Monet study"), 6), Importer.Target.fromSource()
                .withConcept("Monet"), Progress.NONE).experimentId();
        scoreEverything(origin, id);
        byte[] csv = PromptTableCsv.write(origin.stats().analyse(id, "nima-ava")).getBytes();

        Path zip = tmp.resolve("export.zip");
        var experiment = origin.gallery().experiment(id).orElseThrow();
        try (OutputStream o = Files.newOutputStream(zip)) {
            origin.export().write(experiment, o);
        }
        Studio copy = database.studio(tmp.resolve("copy"), tmp.resolve("models"));
        ImportSummary summary = copy.importer().run(zip, Importer.Target.fromSource(), Progress.NONE);

        assertEquals("Monet study", summary.experimentName());
        assertEquals(36, summary.imagesAdded());
        assertEquals(72, summary.scoresAdded());
        assertEquals(Tables.dump(origin.store(), id), Tables.dump(copy.store(), summary.experimentId()));
        byte[] copied = PromptTableCsv.write(copy.stats().analyse(summary.experimentId(), "nima-ava")).getBytes();
        assertArrayEquals(csv, copied, () -> new String(csv) + "\n---\n" + new String(copied));
        assertTrue(new String(csv).contains("Water Lilies,related,nima-ava (v2),6,6,"), new String(csv));

        // The export is deterministic, and importing it again anywhere adds nothing.
        Path zip2 = tmp.resolve("export2.zip");
        try (OutputStream o = Files.newOutputStream(zip2)) {
            copy.export().write(copy.gallery().experiment(summary.experimentId()).orElseThrow(), o);
        }
        assertArrayEquals(Files.readAllBytes(zip), Files.readAllBytes(zip2));
        ImportSummary again = copy.importer().run(zip, Importer.Target.fromSource(), Progress.NONE);
        assertEquals(0, again.imagesAdded() + again.scoresAdded() + again.scoresReplaced() + again.promptsAdded());
    }

    /** Two scoring models, computed here (not imported); related prompts score about 8 % lower after. */
    private static void scoreEverything(Studio studio, long experimentId) {
        Random random = new Random(7);
        studio.store().write(h -> {
            List<Image> images = h.createQuery("SELECT i.* FROM image i JOIN prompt p ON p.id = i.prompt_id WHERE p.experiment_id = ? ORDER BY i.id")
                    .bind(0, experimentId).mapTo(Image.class).list();
            for (Image image : images) {
                boolean related = h.createQuery("SELECT related FROM prompt WHERE id = ?").bind(0, image.promptId()).mapTo(Boolean.class).one();
                double drop = image.variant().equals("after") ? (related ? 0.92 : 0.99) : 1;
                double mean = 5.3 * drop + random.nextGaussian() * 0.2;
                Scores.put(h, image.id(), "nima-ava", "v2", mean, 1.4 + random.nextDouble() / 10, "[0.1,0.2,0.7]", false);
                Scores.put(h, image.id(), "laion-aesthetic", "", mean + 0.5, null, null, false);
            }
            return null;
        });
    }
}
