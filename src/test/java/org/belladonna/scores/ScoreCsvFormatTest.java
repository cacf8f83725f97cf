package org.belladonna.scores;

import org.belladonna.app.Studio;
import org.belladonna.archive.Importer;
import org.belladonna.progress.Progress;
import org.belladonna.store.Scores;
import org.belladonna.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One score CSV format: the same text as an import's scores.csv and as a score upload stores the same scores,
 * and the version stored is the file's model_version column, never the file's name.
 */
class ScoreCsvFormatTest {
    private static final String CSV = "file,model_id,model_version,mean,std,variant\n"
            + "a.png,nima-nasnet,sha256:abc,5.25,1.5,before\n"
            + "b.png,nima-nasnet,sha256:abc,4.75,,after\n";

    @TempDir
    Path tmp;

    @Test
    void importLayoutAndUploadReadTheSameFileAlike() throws Exception {
        Path study = Files.createDirectories(tmp.resolve("study"));
        Files.write(study.resolve("a.png"), TestImages.png(16, 16, 1));
        Files.write(study.resolve("b.png"), TestImages.png(16, 16, 2));
        Files.writeString(study.resolve("manifest.csv"), "file,prompt,variant,seed\na.png,p,before,1\nb.png,p,after,1\n");

        Path withScores = Files.createDirectories(tmp.resolve("with"));
        for (String f : List.of("a.png", "b.png", "manifest.csv")) {
            Files.copy(study.resolve(f), withScores.resolve(f));
        }
        Files.writeString(withScores.resolve("scores.csv"), CSV);
        Studio viaImport = Studio.open(tmp.resolve("d1"), tmp.resolve("m"));
        long a = viaImport.importer().run(withScores, Importer.Target.byName("x"), Progress.NONE).experimentId();

        Studio viaUpload = Studio.open(tmp.resolve("d2"), tmp.resolve("m"));
        long b = viaUpload.importer().run(study, Importer.Target.byName("x"), Progress.NONE).experimentId();
        viaUpload.scoreImport().importCsv(b, new StringReader(CSV));

        List<String> one = rows(viaImport, a);
        assertEquals(List.of("after|nima-nasnet|sha256:abc|4.75|null", "before|nima-nasnet|sha256:abc|5.25|1.5"), one);
        assertEquals(one, rows(viaUpload, b));
    }

    @Test
    void withoutAModelVersionColumnTheVersionIsEmptyNotTheFileName() throws Exception {
        Path study = Files.createDirectories(tmp.resolve("study"));
        Files.write(study.resolve("a.png"), TestImages.png(16, 16, 1));
        Files.writeString(study.resolve("manifest.csv"), "file,prompt,variant\na.png,p,before\n");
        Studio s = Studio.open(tmp.resolve("d"), tmp.resolve("m"));
        long id = s.importer().run(study, Importer.Target.byName("x"), Progress.NONE).experimentId();
        s.scoreImport().importCsv(id, new StringReader("a.png,laion,6.5\n"));
        assertEquals(List.of("before|laion||6.5|null"), rows(s, id));

        ScoreImport.BadRowsException e = assertThrows(ScoreImport.BadRowsException.class,
                () -> s.scoreImport().importCsv(id, new StringReader("file,model_id,mean,colour\na.png,m,5,red\n")));
        assertTrue(e.getMessage().contains("'colour' that is not part of the score CSV"), e.getMessage());
        ScoreImport.BadRowsException v = assertThrows(ScoreImport.BadRowsException.class,
                () -> s.scoreImport().importCsv(id, new StringReader("file,model_id,mean,variant\na.png,m,5,after\n")));
        assertTrue(v.getMessage().contains("line 2: 'a.png' is not in this experiment as a 'after' image"), v.getMessage());
    }

    private static List<String> rows(Studio s, long id) {
        return s.store().read(h -> Scores.ofExperiment(h, id, null)).stream()
                .map(r -> r.variant() + "|" + r.modelId() + "|" + r.modelVersion() + "|" + r.mean() + "|" + r.std())
                .toList();
    }
}
