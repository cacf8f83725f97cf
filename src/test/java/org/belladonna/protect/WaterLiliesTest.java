package org.belladonna.protect;

import org.belladonna.artworks.BuiltInConcepts;
import org.belladonna.progress.Progress;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.belladonna.images.Tensors;
import org.belladonna.models.ModelRegistry;
import org.belladonna.testing.TestModels;
import org.belladonna.vae.Surrogate;
import org.belladonna.vae.Family;
import org.belladonna.vae.Taef2;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** End to end against the real TAEF2 encoder: a 256x256 crop of Monet's Water Lilies toward cubism. */
class WaterLiliesTest {
    @TempDir
    static Path models;
    static Protector protector;
    static Surrogate encoder;

    @BeforeAll
    static void load() throws Exception {
        ModelRegistry registry = TestModels.installed(models, Taef2.ENCODER_ID, Taef2.DECODER_ID);
        protector = Protector.open(registry, List.of(Family.TAEF2), true);
        encoder = Taef2.encoder(registry);
    }

    @AfterAll
    static void close() {
        protector.close();
        encoder.close();
    }

    @Test
    void protectsTowardCubismWithinBudgetAndSurvivesPng() throws Exception {
        BufferedImage lilies = TestModels.image("art/monet-water-lilies-1919.jpg");
        BufferedImage crop = rgbCopy(lilies.getSubimage(700, 400, 256, 256));
        BuiltInConcepts.Concept cubism = BuiltInConcepts.load("cubism").orElseThrow();
        ProtectionSettings settings = ProtectionSettings.defaults().withSteps(6).withSeed(1);

        ProtectionResult r = protector.protect(crop, cubism.name(), cubism.anchors(), settings, Progress.NONE);
        ProtectionReport report = r.report();

        assertEquals(256, r.image().getWidth());
        assertEquals(256, r.image().getHeight());
        assertTrue(Budget.maxChange(crop, r.image()) <= 10, "max change " + Budget.maxChange(crop, r.image()));
        // 6 steps at PSNR >= 35 dB move the delivered image >= 8 % of the way (about 11 % when written)
        assertTrue(report.percentMoved() >= 8, "moved only " + report.percentMoved() + " %");
        assertTrue(report.psnr() >= 34.5, "PSNR " + report.psnr());
        assertEquals(4, report.robustness().size());
        assertEquals(256, r.views().get(0).protectedImage().getWidth());

        // the effect is in the file: write PNG, read back, re-encode independently of the engine
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(r.image(), "png", png);
        BufferedImage reloaded = rgbCopy(ImageIO.read(new ByteArrayInputStream(png.toByteArray())));
        assertArrayEquals(((DataBufferInt) r.image().getRaster().getDataBuffer()).getData(),
                ((DataBufferInt) reloaded.getRaster().getDataBuffer()).getData());
        BufferedImage anchor = TargetBuilder.frame(cubism.anchors().get(report.anchorIndex()), 256, 256).toImage();
        try (NDManager nd = NDManager.newBaseManager()) {
            NDArray target = encoder.encode(Tensors.toNCHW(nd, anchor));
            double before = Distances.rms(encoder.encode(Tensors.toNCHW(nd, crop)), target);
            double after = Distances.rms(encoder.encode(Tensors.toNCHW(nd, reloaded)), target);
            assertEquals(report.distanceToTargetBefore(), before, 1e-4);
            assertEquals(report.distanceToTargetAfter(), after, 1e-4);
            assertTrue(after < 0.92 * before, "reloaded PNG: " + before + " -> " + after);
        }
    }

    /** A TYPE_INT_RGB copy, so pixel arrays compare directly. */
    static BufferedImage rgbCopy(BufferedImage src) {
        int w = src.getWidth();
        int h = src.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, w, h, src.getRGB(0, 0, w, h, null, 0, w), 0, w);
        return out;
    }
}
