package org.belladonna.scores;

import org.belladonna.app.Studio;
import org.belladonna.archive.Importer;
import org.belladonna.models.ModelManifest;
import org.belladonna.models.ModelRegistry;
import org.belladonna.models.ModelSource;
import org.belladonna.nima.ScorerKind;
import org.belladonna.progress.Progress;
import org.belladonna.store.Records.Job;
import org.belladonna.store.Scores;
import org.belladonna.testing.Shared;
import org.belladonna.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The user picks the scorer per run: a score job with VGG16 stores its scores under VGG16's model id with the
 * unpinned file's SHA-256, the stats name that scorer, and they warn because the imported study says it used
 * NASNet-Mobile.
 */
class ScorerPerRunTest {
    /** The SHA-256 of shared/reference/nima-vgg16/nima_vgg16_random.pth (its README gives it). */
    private static final String VGG_SHA = "1d80a2adcfb4bcd76ba358a4826d191f65a71fb36e03607cff5913eb035e14da";

    @TempDir
    Path tmp;

    @Test
    void vgg16RunIsStoredNamedAndComparedWithTheStudysScorer() throws Exception {
        Path mirror = Files.createDirectories(tmp.resolve("mirror"));
        String file = ModelManifest.bundled().require(ScorerKind.VGG16_YUNXIAOSHI.id()).file();
        Files.createSymbolicLink(mirror.resolve(file), Shared.reference("nima-vgg16").resolve("nima_vgg16_random.pth"));
        ModelRegistry registry = new ModelRegistry(Files.createDirectories(tmp.resolve("models")));
        registry.pull(List.of(ScorerKind.VGG16_YUNXIAOSHI.id()), ModelSource.mirror(mirror), Progress.NONE, false);
        Studio studio = Studio.open(tmp.resolve("data"), registry);

        Path study = Files.createDirectories(tmp.resolve("study"));
        StringBuilder manifest = new StringBuilder("file,prompt,variant,seed,group\n");
        int k = 0;
        for (String prompt : List.of("lilies", "bicycle")) {
            for (String variant : List.of("before", "after")) {
                for (int seed = 1; seed <= 3; seed++) {
                    String name = "i" + (k++) + ".png";
                    Files.write(study.resolve(name), TestImages.png(40, 40, k));
                    manifest.append(name).append(',').append(prompt).append(',').append(variant).append(',').append(seed)
                            .append(',').append(prompt.equals("lilies") ? "related" : "control").append('\n');
                }
            }
        }
        Files.writeString(study.resolve("manifest.csv"), manifest);
        Files.writeString(study.resolve("experiment.json"), "{\"name\": \"seed study\", \"scorer\": \"titu1994 NIMA NASNet-Mobile\"}");
        long id = studio.importer().run(study, Importer.Target.fromSource(), Progress.NONE).experimentId();

        assertTrue(studio.scoring().readiness(ScorerChoice.VGG16).ready());
        assertTrue(!studio.scoring().readiness(ScorerChoice.MOBILENET).ready(), "only VGG16 was installed");
        long job = studio.scoring().submit(id, ScorerChoice.VGG16);
        studio.scoring().drainJobs();
        Job done = studio.jobs().find(job).orElseThrow();
        assertEquals("done", done.state(), done.error());

        List<Scores.Scored> scores = studio.store().read(h -> Scores.ofExperiment(h, id, null));
        assertEquals(12, scores.size());
        for (Scores.Scored s : scores) {
            assertEquals(ScorerKind.VGG16_YUNXIAOSHI.id(), s.modelId());
            assertEquals("unpinned sha256:" + VGG_SHA, s.modelVersion());
        }

        StatsReport report = studio.stats().report(id, ScorerKind.VGG16_YUNXIAOSHI.id());
        ScorerProvenance p = report.scorer();
        assertEquals(ScorerKind.VGG16_YUNXIAOSHI, p.kind());
        assertTrue(p.unpinned());
        assertEquals(List.of("unpinned (SHA-256 " + VGG_SHA + ")"), p.weights());
        assertEquals(12, p.computed());
        assertEquals(ScorerKind.VGG16_YUNXIAOSHI.preprocessing(), p.preprocessing());
        assertEquals(List.of("titu1994 NIMA NASNet-Mobile"), p.studyScorers());
        String warning = p.mismatchWarning();
        assertNotNull(warning, "the study scored with NASNet-Mobile, these are VGG16's");
        assertTrue(warning.contains("NASNet-Mobile") && warning.contains("not comparable"), warning);
        assertTrue(report.methods().get(0).contains("unpinned (SHA-256 " + VGG_SHA + ")"), report.methods().get(0));
        assertTrue(report.imports().get(0).manifestSha256().matches("[0-9a-f]{64}"));
    }

    @Test
    void studyScorerNamesAreMatchedByNetwork() {
        assertEquals(ScorerKind.NASNET_TITU1994, ScorerChoice.kindNamedIn("NASNet-Mobile (titu1994) evaluate_nasnet.py"));
        assertEquals(ScorerKind.VGG16_YUNXIAOSHI, ScorerChoice.kindNamedIn("yunxiaoshi VGG16"));
        assertEquals(ScorerKind.MOBILENET_IDEALO, ScorerChoice.kindNamedIn("nima-mobilenet-aesthetic"));
        assertNull(ScorerChoice.kindNamedIn("some aesthetic model"));
        assertEquals(ScorerChoice.NASNET, ScorerChoice.parse("nasnet"));
        assertEquals(ScorerChoice.VGG16, ScorerChoice.parse("nima-vgg16-aesthetic"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScorerChoice.parse("laion"));
        assertTrue(e.getMessage().contains("mobilenet, vgg16, nasnet"), e.getMessage());
        ScorerProvenance same = new ScorerProvenance(ScorerKind.NASNET_TITU1994.id(), ScorerKind.NASNET_TITU1994,
                new java.util.TreeSet<>(List.of("abc")), 3, 0, List.of("NASNet-Mobile"));
        assertNull(same.mismatchWarning());
    }
}
