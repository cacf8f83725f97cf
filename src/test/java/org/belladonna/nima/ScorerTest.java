package org.belladonna.nima;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.belladonna.models.ModelManifest;
import org.belladonna.models.ModelRegistry;
import org.belladonna.models.ModelSource;
import org.belladonna.progress.Progress;
import org.belladonna.testing.SyntheticNimaInstall;
import org.belladonna.testing.Shared;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scorers a run can pick, loaded through the model registry as users' installs are. */
class ScorerTest {
    @TempDir
    Path models;
    @TempDir
    Path mirror;

    @Test
    void everyScorerIsAManifestModelWithANameAndAPreprocessingLine() {
        for (ScorerKind kind : ScorerKind.values()) {
            ModelManifest.Model model = ModelManifest.bundled().require(kind.id());
            assertEquals("aesthetic scorer", model.role(), kind.id());
            assertFalse(kind.displayName().isBlank());
            assertFalse(kind.preprocessing().isBlank() || kind.preprocessing().contains("\n"), kind.id());
            assertEquals(kind, ScorerKind.byId(kind.id()));
        }
        assertEquals(3, new HashSet<>(Arrays.stream(ScorerKind.values()).map(ScorerKind::displayName).toList()).size());
    }

    @Test
    void anUnknownScorerIsNamedWithTheOnesThereAre() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScorerKind.byId("nima-resnet"));
        assertTrue(e.getMessage().contains("nima-resnet") && e.getMessage().contains("nima-vgg16-aesthetic"), e.getMessage());
    }

    /** idealo's MobileNet is one of the scorers: same scores as before, and its pin as the version. */
    @Test
    void mobileNetScorerScoresAsBeforeAndCarriesItsPin() throws Exception {
        ModelRegistry registry = SyntheticNimaInstall.install(models, 7);
        List<BufferedImage> images = List.of(ScorerInput.decode(Shared.image("synthetic-256.png")),
                ScorerInput.decode(Shared.image("art/monet-san-giorgio-maggiore-at-dusk.jpg")));
        List<NimaScore> before;
        try (Nima nima = Nima.load(registry.path(InstalledNima.MODEL_ID))) {
            before = new NimaScorer(nima).score(images);
        }
        try (InstalledScorer scorer = InstalledScorer.load(registry, InstalledNima.MODEL_ID, 1)) {
            List<NimaScore> after = scorer.score(images); // one image per batch here, both in one batch before
            for (int n = 0; n < images.size(); n++) {
                assertEquals(before.get(n).mean(), after.get(n).mean(), 1e-6);
                assertEquals(before.get(n).std(), after.get(n).std(), 1e-6);
            }
            assertEquals(registry.status(InstalledNima.MODEL_ID).model().pin().hex(), scorer.modelVersion());
            assertFalse(scorer.unpinned());
            assertEquals(NimaPreprocessor.DESCRIPTION, scorer.preprocessing());
        }
    }

    /**
     * yunxiaoshi's VGG16 installed like a user's download of the unpinned Google Drive file (here the
     * reference's random weights under the manifest's file name): labelled unpinned with the file's SHA-256,
     * and scoring image files as upstream's code does (a downscaled JPEG; a palette PNG whose crop offset
     * rounds half to even).
     */
    @Test
    void vgg16InstalledUnpinnedScoresImageFilesLikeUpstream() throws Exception {
        Path reference = Shared.reference("nima-vgg16");
        String file = ModelManifest.bundled().require(ScorerKind.VGG16_YUNXIAOSHI.id()).file();
        Files.createSymbolicLink(mirror.resolve(file), reference.resolve("nima_vgg16_random.pth"));
        ModelRegistry registry = new ModelRegistry(models);
        registry.pull(List.of(ScorerKind.VGG16_YUNXIAOSHI.id()), ModelSource.mirror(mirror), Progress.NONE, false);

        JsonNode expected = new ObjectMapper().readTree(reference.resolve("reference.json").toFile()).get("images");
        List<String> names = List.of("art/monet-water-lilies-1919.jpg", "art/gris-glass-and-checkerboard-1917.posterized.png");
        try (InstalledScorer scorer = InstalledScorer.load(registry, ScorerKind.VGG16_YUNXIAOSHI.id())) {
            assertTrue(scorer.unpinned());
            // the SHA-256 the reference's README gives for this file
            assertEquals("unpinned sha256:1d80a2adcfb4bcd76ba358a4826d191f65a71fb36e03607cff5913eb035e14da",
                    scorer.modelVersion());
            List<NimaScore> scores = scorer.scoreFiles(List.of(Shared.image(names.get(0)), Shared.image(names.get(1))));
            for (int n = 0; n < names.size(); n++) {
                JsonNode ref = expected.get(names.get(n));
                double max = 0;
                for (int i = 0; i < Nima.BUCKETS; i++) {
                    max = Math.max(max, Math.abs(ref.get("probs").get(i).asDouble() - scores.get(n).distribution()[i]));
                }
                System.out.println("VGG16 scorer, " + names.get(n) + ": max |p - p_ref| = " + max);
                assertTrue(max <= 1e-4, names.get(n) + ": max |p - p_ref| = " + max);
                assertEquals(ref.get("mean_score").asDouble(), scores.get(n).mean(), 1e-4);
                assertEquals(ref.get("std_score").asDouble(), scores.get(n).std(), 1e-4);
            }
        }
    }
}
