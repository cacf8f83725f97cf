package org.belladonna.protect;

import org.belladonna.artworks.BuiltInConcepts;
import org.belladonna.models.ModelRegistry;
import org.belladonna.testing.TestModels;
import org.belladonna.progress.Progress;
import org.belladonna.vae.Family;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The multi-family ensemble on the real TAEF2 (FLUX.2) and TAESana (Sana) encoders, on a CI-sized crop of
 * Water Lilies toward cubism: a protection moves only the families it is optimised against, and the report
 * says which were optimised, which held out, and which are not installed.
 */
class EnsembleTest {
    @TempDir
    static Path models;
    static ModelRegistry registry;
    static BufferedImage crop;
    static BuiltInConcepts.Concept cubism;

    @BeforeAll
    static void load() throws Exception {
        registry = TestModels.installed(models, Family.TAEF2.encoderId(), Family.TAESANA.encoderId());
        BufferedImage lilies = TestModels.image("art/monet-water-lilies-1919.jpg");
        crop = WaterLiliesTest.rgbCopy(lilies.getSubimage(700, 400, 256, 256));
        cubism = BuiltInConcepts.load("cubism").orElseThrow();
    }

    private static ProtectionSettings settings() {
        return ProtectionSettings.defaults().withSteps(8).withSeed(1).withWorkingSize(256).withMeasureRobustness(false)
                .withViews(false);
    }

    private static ProtectionReport.FamilyCoverage family(ProtectionReport r, Family f) {
        return r.families().stream().filter(c -> c.family().equals(f.id())).findFirst().orElseThrow();
    }

    @Test
    void theEnsembleMovesBothFamiliesAndReportsBothOptimised() throws Exception {
        assertEquals(List.of(Family.TAEF2, Family.TAESANA), Ensemble.installedFamilies(registry), "the default ensemble");
        ProtectionReport r;
        try (Protector p = Protector.open(registry, Ensemble.installedFamilies(registry), false)) {
            r = p.protect(crop, cubism.name(), cubism.anchors(), settings(), Progress.NONE).report();
        }
        ProtectionReport.FamilyCoverage taef2 = family(r, Family.TAEF2);
        ProtectionReport.FamilyCoverage taesana = family(r, Family.TAESANA);
        assertTrue(taef2.optimised() && taesana.optimised());
        assertTrue(taef2.percentMoved() >= 5, "TAEF2 moved " + taef2.percentMoved() + " %");
        assertTrue(taesana.percentMoved() >= 5, "TAESana moved " + taesana.percentMoved() + " %");
        assertTrue(r.psnr() >= 34.5, "PSNR " + r.psnr());
        assertEquals(Family.values().length - 2, r.notCovered().size());
        assertTrue(r.notCovered().stream().allMatch(n -> n.installCommand().contains("models pull " + n.family() + "-encoder")),
                r.notCovered().toString());
    }

    @Test
    void aTaef2OnlyProtectionReportsTaesanaHeldOutWithItsFigure() throws Exception {
        ProtectionReport r;
        try (Protector p = Protector.open(registry, List.of(Family.TAEF2), false)) {
            r = p.protect(crop, cubism.name(), cubism.anchors(), settings(), Progress.NONE).report();
        }
        ProtectionReport.FamilyCoverage taef2 = family(r, Family.TAEF2);
        ProtectionReport.FamilyCoverage taesana = family(r, Family.TAESANA);
        assertTrue(taef2.optimised());
        assertFalse(taesana.optimised());
        assertEquals("held out", taesana.role());
        assertTrue(taef2.percentMoved() >= 8, "TAEF2 moved " + taef2.percentMoved() + " %");
        // no transfer between families: the held-out family moves far less than the optimised one
        assertTrue(taesana.percentMoved() < taef2.percentMoved() / 2, "TAESana (held out) moved " + taesana.percentMoved()
                + " %, TAEF2 " + taef2.percentMoved() + " %");
        assertTrue(taesana.distanceBefore() > 0 && Double.isFinite(taesana.distanceAfter()));
    }
}
