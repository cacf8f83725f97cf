package org.belladonna.protect;

import ai.djl.Device;
import org.belladonna.progress.Cancelled;
import org.belladonna.progress.Progress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine's contract, on a tiny random conv net so it runs in seconds. */
class LoopTest {
    private static Protector protector;

    @BeforeAll
    static void setUp() {
        protector = new Protector(Ensemble.of(TinyEncoder.create("tiny", 7)), Device.cpu(), "cpu");
    }

    @AfterAll
    static void tearDown() {
        protector.close();
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

    @Test
    void oddSizedArtworkComesBackAtItsSizeWithinBudgetAndCloserToTheTarget() {
        BufferedImage art = noiseImage(250, 170, 1);
        List<BufferedImage> anchors = List.of(noiseImage(90, 300, 2), noiseImage(400, 200, 9));
        ProtectionResult r = protector.protect(art, "test", anchors, settings(15), Progress.NONE);
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
        ProtectionSettings s = settings(4).withRecipe(RecipeChoice.ROBUST).withMeasureRobustness(false);
        BufferedImage a = protector.protect(art, "t", anchors, s, Progress.NONE).image();
        BufferedImage b = protector.protect(art, "t", anchors, s, Progress.NONE).image();
        // Identical up to the last 8-bit rounding: libtorch's multi-threaded CPU kernels may sum floats in
        // another order from run to run (seen once in many runs on a loaded machine: one channel off by 1).
        int[] pa = ((DataBufferInt) a.getRaster().getDataBuffer()).getData();
        int[] pb = ((DataBufferInt) b.getRaster().getDataBuffer()).getData();
        int differing = 0;
        for (int i = 0; i < pa.length; i++) {
            for (int shift = 0; shift < 24; shift += 8) {
                int d = Math.abs(((pa[i] >> shift) & 0xFF) - ((pb[i] >> shift) & 0xFF));
                assertTrue(d <= 1, "pixel " + i + " differs by " + d + " levels");
                differing += d;
            }
        }
        assertTrue(differing <= pa.length / 100, differing + " channel values differ by one level");
    }

    @Test
    void cancelStopsAtTheNextStep() {
        AtomicBoolean cancel = new AtomicBoolean();
        AtomicLong seen = new AtomicLong();
        AtomicLong total = new AtomicLong();
        Progress progress = new Progress() {
            @Override
            public void update(String phase, long done, long of, String detail) {
                assertEquals(Protector.OPTIMISING, phase, "nothing after the optimisation runs once cancelled");
                seen.set(done);
                total.set(of);
                if (done == 3) {
                    cancel.set(true);
                }
            }

            @Override
            public void checkCancelled() {
                if (cancel.get()) {
                    throw new Cancelled();
                }
            }
        };
        assertThrows(Cancelled.class, () -> protector.protect(noiseImage(96, 96, 6), "t",
                List.of(noiseImage(64, 64, 5)), settings(50), progress));
        assertEquals(3, seen.get());
        assertEquals(50, total.get());
    }

    @Test
    void badInputIsRefusedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> protector.protect(
                noiseImage(40, 300, 1), "t", List.of(noiseImage(64, 64, 5)), settings(2), Progress.NONE));
        assertTrue(e.getMessage().contains("at least 64"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> protector.protect(noiseImage(100, 100, 1), "t",
                List.of(), settings(2), Progress.NONE));
    }

    @Test
    void settingsStoredBeforeRobustBecameARecipeStillRead() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        String old = "{\"intensity\":\"HIGH\",\"quality\":\"FAST\",\"robust\":true,\"recipe\":\"BELLADONNA\","
                + "\"eps\":null,\"steps\":null,\"workingSize\":512,\"seed\":7,\"maxPixels\":67108864,"
                + "\"measureRobustness\":true}";
        ProtectionSettings s = json.readValue(old, ProtectionSettings.class);
        assertEquals(ProtectionSettings.defaults().withIntensity(Intensity.HIGH).withEffort(Effort.FAST)
                .withRecipe(RecipeChoice.ROBUST).withSeed(7), s);
        assertEquals(s, json.readValue(json.writeValueAsString(s), ProtectionSettings.class));
        assertEquals(Effort.FAST.steps(), s.resolveSteps());
        assertEquals(NightshadeRecipe.STEPS, ProtectionSettings.nightshade(0.04).resolveSteps());
    }
}
