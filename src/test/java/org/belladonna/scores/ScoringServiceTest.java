package org.belladonna.scores;

import org.belladonna.progress.Progress;
import org.belladonna.nima.InstalledNima;
import org.belladonna.nima.NimaScore;
import org.belladonna.nima.NimaScorer;
import org.belladonna.testing.SyntheticNimaInstall;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.belladonna.app.Studio;
import org.belladonna.gallery.Gallery.NewImage;
import org.belladonna.images.ImageDecoder;
import org.belladonna.models.ModelManifest;
import org.belladonna.models.ModelMissingException;
import org.belladonna.models.ModelRegistry;
import org.belladonna.store.Images;
import org.belladonna.store.Records.Image;
import org.belladonna.store.Records.Job;
import org.belladonna.store.Records.Score;
import org.belladonna.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScoringServiceTest {
    private static final String NIMA = InstalledNima.MODEL_ID;
    private static final String INSTALL = "belladonna models pull " + NIMA;

    @TempDir
    Path data;
    @TempDir
    Path models;

    @Test
    void scoringWithTheModelMissingFailsClearlyAndStoresNothing() throws Exception {
        Studio studio = Studio.open(data, models);
        long id = experimentWithImages(studio);

        ScoringService.Readiness readiness = studio.scoring().readiness();
        assertFalse(readiness.ready());
        assertTrue(readiness.installCommand().startsWith(INSTALL), readiness.installCommand());
        ModelMissingException e = assertThrows(ModelMissingException.class,
                () -> studio.scoring().scoreExperiment(id, NIMA, 4, Progress.NONE));
        assertTrue(e.getMessage().contains(INSTALL), e.getMessage());
        assertEquals(List.of(), scores(studio));

        long job = studio.scoring().submit(id);
        studio.scoring().drainJobs();
        Job failed = studio.jobs().find(job).orElseThrow();
        assertEquals("failed", failed.state());
        assertTrue(failed.error().contains(INSTALL), failed.error());
        assertEquals(List.of(), scores(studio));
    }

    @Test
    void weightsThatDoNotMatchThePinAreRefused() throws Exception {
        ModelRegistry registry = SyntheticNimaInstall.install(models, 7);
        Studio studio = Studio.open(data, registry);
        long id = experimentWithImages(studio);
        Path file = registry.status(NIMA).file();
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 1;
        Files.write(file, bytes);

        ModelMissingException e = assertThrows(ModelMissingException.class,
                () -> studio.scoring().scoreExperiment(id, NIMA, 4, Progress.NONE));
        assertTrue(e.getMessage().contains(INSTALL) && e.getMessage().contains("--force"), e.getMessage());
        assertFalse(studio.scoring().readiness().ready());
        assertEquals(List.of(), scores(studio));
    }

    @Test
    void scoringStoresOneScorePerImageWithTheModelAndItsPin() throws Exception {
        ModelRegistry registry = SyntheticNimaInstall.install(models, 7);
        String pin = registry.status(NIMA).model().pin().hex();
        assertNotEquals(ModelManifest.bundled().require(NIMA).pin().hex(), pin, "test weights carry their own pin");
        Studio studio = Studio.open(data, registry);
        long id = experimentWithImages(studio);
        List<Image> images = studio.store().read(h -> Images.ofExperiment(h, id));

        ScoringService.Run run = studio.scoring().scoreExperiment(id, NIMA, 3, Progress.NONE);

        assertEquals(new ScoringService.Run(images.size(), images.size(), pin), run);
        List<Score> scores = scores(studio);
        assertEquals(ids(images), scores.stream().map(Score::imageId).collect(Collectors.toSet()));
        assertEquals(images.size(), scores.size(), "one score per image");
        for (Score s : scores) {
            assertEquals(NIMA, s.modelId());
            assertEquals(pin, s.modelVersion());
            assertFalse(s.imported());
            assertTrue(s.mean() >= 1 && s.mean() <= 10, "mean " + s.mean());
            assertTrue(s.std() != null && s.std() >= 0, "std " + s.std());
            double[] p = new ObjectMapper().readValue(s.distribution(), double[].class);
            assertEquals(10, p.length);
            double sum = 0;
            double mean = 0;
            for (int i = 0; i < p.length; i++) {
                assertTrue(p[i] >= 0);
                sum += p[i];
                mean += (i + 1) * p[i];
            }
            assertEquals(1, sum, 1e-9);
            assertEquals(s.mean(), mean, 1e-9, "the mean is the distribution's");
        }
        Map<String, Set<Double>> meansByHash = new java.util.HashMap<>();
        for (Image image : images) {
            double mean = scores.stream().filter(s -> s.imageId() == image.id()).findFirst().orElseThrow().mean();
            meansByHash.computeIfAbsent(image.hash(), k -> new HashSet<>()).add(mean);
        }
        assertTrue(meansByHash.values().stream().allMatch(m -> m.size() == 1), "one file, one score: " + meansByHash);
        assertTrue(meansByHash.values().stream().flatMap(Set::stream).distinct().count() > 1, "distinct images score differently");

        // The stored score is the network's own output for that stored file.
        Image first = images.get(0);
        try (InstalledNima nima = InstalledNima.load(registry)) {
            NimaScore direct = new NimaScorer(nima.nima()).score(
                    new ImageDecoder().decode(studio.store().files().read(first.hash())).image());
            Score stored = scores.stream().filter(s -> s.imageId() == first.id()).findFirst().orElseThrow();
            assertEquals(direct.mean(), stored.mean(), 1e-5);
            assertEquals(direct.std(), stored.std(), 1e-5);
        }

        ScoringService.Run again = studio.scoring().scoreExperiment(id, NIMA, 5, Progress.NONE);
        assertEquals(images.size(), again.scored());
        List<Score> rescored = scores(studio);
        assertEquals(images.size(), rescored.size(), "re-scoring keeps one score per image");
        assertEquals(scores.stream().map(Score::id).collect(Collectors.toSet()),
                rescored.stream().map(Score::id).collect(Collectors.toSet()), "rows are updated in place");
        assertEquals(List.of(new ScoringService.Coverage(NIMA, images.size(), images.size(), 0)),
                studio.scoring().coverage(id));
    }

    @Test
    void aRunStoppedPartWayKeepsWhatItStoredAndIsShownIncomplete() throws Exception {
        Studio studio = Studio.open(data, SyntheticNimaInstall.install(models, 7));
        long id = experimentWithImages(studio);
        int[] storedWhenStopped = {-1};
        assertThrows(IllegalStateException.class, () -> studio.scoring().scoreExperiment(id, NIMA, 2, (phase, done, total, detail) -> {
            storedWhenStopped[0] = (int) done;
            throw new IllegalStateException("stop");
        }));

        ScoringService.Coverage coverage = studio.scoring().coverage(id).get(0);
        assertEquals(storedWhenStopped[0], coverage.scored());
        assertTrue(coverage.scored() > 0 && coverage.scored() < coverage.total(), coverage.toString());
        assertFalse(coverage.complete());
    }

    @Test
    void theScoreJobScoresTheExperimentAndCanRunAgain() throws Exception {
        Studio studio = Studio.open(data, SyntheticNimaInstall.install(models, 7));
        long id = experimentWithImages(studio);
        int count = studio.scoring().imageCount(id);

        for (int run = 0; run < 2; run++) {
            long job = studio.scoring().submit(id);
            assertEquals(job, studio.scoring().submit(id), "a queued scoring is not queued twice");
            studio.scoring().drainJobs();
            Job done = studio.jobs().find(job).orElseThrow();
            assertEquals("done", done.state(), done.error());
            assertTrue(done.result().contains("\"scored\":" + count), done.result());
            assertEquals(count, scores(studio).size());
        }
    }

    @Test
    void onlyNimaIsComputedHere() throws Exception {
        Studio studio = Studio.open(data, models);
        long id = experimentWithImages(studio);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> studio.scoring().scoreExperiment(id, "laion-aesthetic", 4, Progress.NONE));
        assertTrue(e.getMessage().contains("import-scores"), e.getMessage());
    }

    /** Two prompts, before and after, seven distinct files and one file used twice: eight image rows. */
    static long experimentWithImages(Studio studio) throws Exception {
        long id = studio.gallery().createExperiment("Monet -> cubism", "", "Monet");
        List<NewImage> images = new ArrayList<>();
        int seed = 0;
        for (String prompt : List.of("Water Lilies", "headphones")) {
            for (String variant : List.of("before", "after")) {
                for (int i = 0; i < 2 && seed < 7; i++, seed++) {
                    images.add(new NewImage(prompt, prompt.equals("Water Lilies"), variant, (long) i,
                            "img" + seed + ".png", "{}", TestImages.png(64 + 8 * seed, 48, seed)));
                }
            }
        }
        images.add(new NewImage("headphones", false, "after", 9L, "copy-of-img0.png", "{}", TestImages.png(64, 48, 0)));
        studio.gallery().addImages(id, images);
        return id;
    }

    static List<Score> scores(Studio studio) {
        return studio.store().read(h -> h.createQuery("SELECT * FROM score ORDER BY id").mapTo(Score.class).list());
    }

    private static Set<Long> ids(List<Image> images) {
        return images.stream().map(Image::id).collect(Collectors.toSet());
    }
}
