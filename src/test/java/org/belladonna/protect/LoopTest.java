package org.belladonna.protect;

import ai.djl.Device;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine's contract, on a tiny random conv net so it runs in seconds. */
class LoopTest {
    private static TinyEncoder encoder;
    private static Protector protector;

    @BeforeAll
    static void setUp() {
        encoder = new TinyEncoder(7);
        protector = new Protector(encoder, null, Device.cpu(), "cpu");
    }

    @AfterAll
    static void tearDown() {
        encoder.close();
    }

    static BufferedImage noiseImage(int w, int h, long seed) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        SplittableRandom r = new SplittableRandom(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                // smooth gradient + texture, so the budget map sees both flat and busy parts
                int base = (x * 255 / w);
                int tex = x > w / 2 ? r.nextInt(60) : 0;
                img.setRGB(x, y, (Math.min(255, base + tex) << 16) | ((y * 255 / h) << 8) | (tex * 3));
            }
        }
        return img;
    }

    private static ProtectionSettings settings(int steps) {
        return ProtectionSettings.defaults().withSteps(steps).withWorkingSize(128).withSeed(3);
    }

    private static ProtectionResult done(Outcome o) {
        return assertInstanceOf(Outcome.Done.class, o).results().get(0);
    }

    @Test
    void oddSizedArtworkComesBackAtItsSizeWithinBudgetAndCloserToTheTarget() {
        BufferedImage art = noiseImage(250, 170, 1);
        List<BufferedImage> anchors = List.of(noiseImage(90, 300, 2), noiseImage(400, 200, 9));
        ProtectionResult r = done(protector.protect(art, "test", anchors, settings(15), ProgressListener.NONE, () -> false));
        assertEquals(250, r.image().getWidth());
        assertEquals(170, r.image().getHeight());
        assertEquals(WorkingGeometry.of(250, 170, 128), new WorkingGeometry(250, 170, r.report().workingWidth(), r.report().workingHeight()));
        assertTrue(Budget.maxChange(art, r.image()) <= 10, "max change " + Budget.maxChange(art, r.image()));
        assertEquals(Budget.maxChange(art, r.image()), r.report().maxPixelChange());
        assertTrue(r.report().percentMoved() > 10, "moved " + r.report().percentMoved() + " %");
        assertEquals(4, r.report().robustness().size());
    }

    @Test
    void sameSeedGivesIdenticalPixels() {
        BufferedImage art = noiseImage(96, 80, 4);
        List<BufferedImage> anchors = List.of(noiseImage(64, 64, 5));
        ProtectionSettings s = settings(4).withRobust(true).withMeasureRobustness(false);
        BufferedImage a = done(protector.protect(art, "t", anchors, s, ProgressListener.NONE, () -> false)).image();
        BufferedImage b = done(protector.protect(art, "t", anchors, s, ProgressListener.NONE, () -> false)).image();
        assertArrayEquals(((DataBufferInt) a.getRaster().getDataBuffer()).getData(),
                ((DataBufferInt) b.getRaster().getDataBuffer()).getData());
    }

    @Test
    void cancelStopsAtTheNextStep() {
        AtomicBoolean cancel = new AtomicBoolean();
        AtomicInteger seen = new AtomicInteger();
        Outcome o = protector.protect(noiseImage(96, 96, 6), "t", List.of(noiseImage(64, 64, 5)), settings(50),
                (step, total, loss, distance) -> {
                    seen.set(step);
                    if (step == 3) {
                        cancel.set(true);
                    }
                }, cancel::get);
        Outcome.Cancelled c = assertInstanceOf(Outcome.Cancelled.class, o);
        assertEquals(3, c.stepsDone());
        assertEquals(50, c.totalSteps());
        assertEquals(3, seen.get());
    }

    @Test
    void badInputIsRefusedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> protector.protect(
                noiseImage(40, 300, 1), "t", List.of(noiseImage(64, 64, 5)), settings(2), ProgressListener.NONE, () -> false));
        assertTrue(e.getMessage().contains("at least 64"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> protector.protect(noiseImage(100, 100, 1), "t",
                List.of(), settings(2), ProgressListener.NONE, () -> false));
    }

    @Test
    void batchOfTwoIsProtectedTogether() {
        List<BufferedImage> arts = List.of(noiseImage(120, 88, 1), noiseImage(120, 88, 2));
        Outcome o = protector.protectBatch(arts, "t", List.of(noiseImage(64, 64, 5)),
                settings(5).withMeasureRobustness(false), ProgressListener.NONE, () -> false);
        List<ProtectionResult> results = assertInstanceOf(Outcome.Done.class, o).results();
        assertEquals(2, results.size());
        for (ProtectionResult r : results) {
            assertTrue(r.report().percentMoved() > 0);
            assertTrue(r.report().maxPixelChange() <= 10);
        }
    }
}
