package org.belladonna.archive;

import org.belladonna.testing.TestDatabase;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.belladonna.progress.Progress;
import org.belladonna.testing.StudyFiles;
import org.belladonna.app.Studio;
import org.belladonna.testing.Rows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ParameterizedClass
@EnumSource(TestDatabase.class)
class ImportTest {
    @Parameter
    TestDatabase database;

    @TempDir
    Path tmp;

    private Studio studio(String name) {
        return database.studio(tmp.resolve(name), tmp.resolve("models"));
    }

    @Test
    void folderAndZipOfTheSameContentGiveIdenticalExperiments() throws Exception {
        Path folder = StudyFiles.plainFolder(tmp.resolve("study"), 4);
        Path zip = StudyFiles.zip(folder, tmp.resolve("study.zip"));
        Studio a = studio("a");
        Studio b = studio("b");
        ImportSummary fromFolder = a.importer().run(folder, Importer.Target.fromSource(), Progress.NONE);
        ImportSummary fromZip = b.importer().run(zip, Importer.Target.fromSource(), Progress.NONE);

        assertEquals("study", fromFolder.experimentName());
        assertEquals("study", fromZip.experimentName());
        assertEquals(24, fromFolder.imagesAdded());
        assertEquals(3, fromFolder.promptsAdded());
        List<String> dump = Tables.dump(a.store(), fromFolder.experimentId());
        assertEquals(dump, Tables.dump(b.store(), fromZip.experimentId()));
        assertTrue(dump.contains("prompt|1|Haystacks|1"), dump.toString());
        assertTrue(dump.contains("prompt|2|headphones|0"), "prompts.csv order: " + dump);
        assertTrue(dump.stream().anyMatch(l -> l.startsWith("image|Water Lilies|after|3|")), "seed parsed from seed-3.png");
    }

    @Test
    void reimportAddsNothing() throws Exception {
        Path folder = StudyFiles.plainFolder(tmp.resolve("study"), 3);
        Studio s = studio("data");
        ImportSummary first = s.importer().run(folder, Importer.Target.byName("Monet"), Progress.NONE);
        List<String> before = Tables.dump(s.store(), first.experimentId());
        ImportSummary again = s.importer().run(StudyFiles.zip(folder, tmp.resolve("again.zip")),
                Importer.Target.byName("Monet"), Progress.NONE);

        assertEquals(first.experimentId(), again.experimentId());
        assertEquals(0, again.imagesAdded());
        assertEquals(18, again.imagesSkipped());
        assertEquals(0, again.promptsAdded());
        assertEquals(before, Tables.dump(s.store(), first.experimentId()));
        assertEquals(1, Rows.count(s.store(), "experiment"));
        assertEquals(18, Rows.count(s.store(), "image"));
    }

    @Test
    void zippedFolderIsReadThroughItsTopFolder() throws Exception {
        Path outer = Files.createDirectories(tmp.resolve("outer"));
        StudyFiles.plainFolder(outer.resolve("my study"), 2);
        Path zip = StudyFiles.zip(outer, tmp.resolve("wrapped.zip"));
        Studio s = studio("data");
        ImportSummary summary = s.importer().run(zip, Importer.Target.fromSource(), Progress.NONE);
        assertEquals(12, summary.imagesAdded());
        assertEquals(3, summary.promptsAdded());
    }

    @Test
    void manifestCarriesSeedsGroupsMetadataAndScores() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("m"));
        Files.createDirectories(dir.resolve("img"));
        Files.write(dir.resolve("img/a.png"), org.belladonna.testing.TestImages.png(16, 16, 1));
        Files.write(dir.resolve("img/b.png"), org.belladonna.testing.TestImages.png(16, 16, 2));
        Files.writeString(dir.resolve("manifest.csv"), """
                file,prompt,variant,seed,group,sampler
                img/a.png,"Water Lilies, by Monet",before,7,related,ddim
                img/b.png,"Water Lilies, by Monet",after,7,related,ddim
                """);
        Files.writeString(dir.resolve("scores.csv"), "file,model_id,model_version,mean\nimg/a.png,nima,v1,5.25\nimg/b.png,nima,v1,4.75\n");
        Studio s = studio("data");
        ImportSummary summary = s.importer().run(dir, Importer.Target.byName("x").withConcept("Monet"), Progress.NONE);
        assertEquals(2, summary.imagesAdded());
        assertEquals(2, summary.scoresAdded());
        List<String> dump = Tables.dump(s.store(), summary.experimentId());
        assertTrue(dump.contains("experiment|x||Monet"), dump.toString());
        assertTrue(dump.stream().anyMatch(l -> l.startsWith("image|Water Lilies, by Monet|before|7|") && l.contains("|{\"sampler\":\"ddim\"}|")), dump.toString());
        assertTrue(dump.stream().anyMatch(l -> l.startsWith("score|Water Lilies, by Monet|after|") && l.contains("|nima|v1|4.75")), dump.toString());
        assertEquals(0, (int) s.store().read(h -> h.createQuery("SELECT count(*) FROM score WHERE NOT imported").mapTo(Integer.class).one()),
                "every score imported");
        ImportSummary again = s.importer().run(dir, Importer.Target.byName("x"), Progress.NONE);
        assertEquals(0, again.scoresAdded() + again.scoresReplaced());
        assertEquals(2, again.scoresSkipped());
    }

    /** The archive's scores.csv follows the same score rule as a score upload, and names the real line. */
    @Test
    void archiveScoresFollowTheOneScoreRuleWithRealLineNumbers() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("s"));
        Files.createDirectories(dir.resolve("img"));
        Files.write(dir.resolve("img/a.png"), org.belladonna.testing.TestImages.png(16, 16, 1));
        Files.write(dir.resolve("img/b.png"), org.belladonna.testing.TestImages.png(16, 16, 2));
        Files.writeString(dir.resolve("manifest.csv"), "file,prompt,variant\nimg/a.png,p,before\nimg/b.png,p,after\n");
        Files.writeString(dir.resolve("scores.csv"), "file,model_id,mean,std\n\"img/a.png\",nima,NaN,\n"
                + "\"img/\nb.png\",nima,5,\nimg/b.png,nima,5,-1\n");
        Studio s = studio("data");
        ImportRefusedException e = org.junit.jupiter.api.Assertions.assertThrows(ImportRefusedException.class,
                () -> s.importer().run(dir, Importer.Target.byName("x"), Progress.NONE));
        assertTrue(e.getMessage().contains("scores.csv line 2: the mean 'NaN' is not a finite number"), e.getMessage());
        assertTrue(e.getMessage().contains("scores.csv line 5: the std -1 is negative"), e.getMessage());
    }
}
