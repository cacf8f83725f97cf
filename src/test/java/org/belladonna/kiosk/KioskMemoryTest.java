package org.belladonna.kiosk;

import com.google.gson.JsonObject;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import org.belladonna.app.Studio;
import org.belladonna.gallery.Gallery.NewImage;
import org.belladonna.testing.BrowserTest;
import org.belladonna.testing.TestImages;
import org.belladonna.testing.TestServer;
import org.belladonna.web.WebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Days of showing, compressed: thousands of accelerated transitions must leave the JS heap and the DOM
 * where they were. Chromium's frame-rate limit is lifted so animation frames (and with them the show's
 * wipes and fades) run as fast as the machine allows.
 */
@BrowserTest.ChromiumSwitches({"--disable-frame-rate-limit", "--disable-gpu-vsync"})
class KioskMemoryTest extends BrowserTest {
    private static final int EARLY = 100;
    private static final int LATE = 2000;

    @Test
    void heapAndDomStayFlatOverTwoThousandTransitions(@TempDir Path dir) throws Exception {
        smallShow(dir);
        try (TestServer server = TestServer.start(dir, new WebServer.Options(true, false))) {
            Page page = page(1280, 720);
            page.setDefaultTimeout(120_000);
            page.navigate(server.url("/?dwell=" + Playlist.FASTEST_DWELL_MS));
            CDPSession cdp = page.context().newCDPSession(page);
            cdp.send("HeapProfiler.enable");

            waitForTransitions(page, EARLY);
            long early = heapAfterGc(cdp);
            int earlyElements = elements(page);
            long started = System.nanoTime();
            waitForTransitions(page, LATE);
            long seconds = (System.nanoTime() - started) / 1_000_000_000L;
            long late = heapAfterGc(cdp);
            int transitions = KioskShowBrowserTest.transitions(page);

            String report = String.format("JS heap after %d transitions: %d bytes; after %d: %d bytes (%+.1f %%); "
                            + "%d transitions from %d to %d took %d s; DOM elements %d -> %d%n",
                    EARLY, early, transitions, late, 100.0 * (late - early) / early, transitions - EARLY, EARLY,
                    transitions, seconds, earlyElements, elements(page));
            System.out.print(report);
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "kiosk-heap.txt"), report);

            assertTrue(Math.abs(late - early) <= 0.10 * early, report);
            assertEquals(earlyElements, elements(page), "no elements are created per slide");
            assertEquals(2, page.locator("img").count());
        }
    }

    /** Small images: this is about the page's own memory, not about decoding large pictures. */
    private static void smallShow(Path dir) throws Exception {
        Studio studio = Studio.open(dir, dir.resolve("models"));
        long id = studio.gallery().createExperiment("Memory", "", "");
        List<NewImage> images = new ArrayList<>();
        for (int p = 0; p < 5; p++) {
            for (String variant : List.of("before", "after")) {
                long seed = p * 10 + (variant.equals("after") ? 1 : 0);
                images.add(new NewImage("prompt " + p, p % 2 == 0, variant, (long) p, seed + ".png", "{}",
                        TestImages.png(96, 96, seed)));
            }
        }
        studio.gallery().addImages(id, images);
        new Kiosk(studio.store()).save(new KioskSettings(8, KioskSettings.Order.SHUFFLED, List.of(id), List.of()));
    }

    /** Polls every 250 ms rather than every animation frame, to leave the renderer to the show. */
    private static void waitForTransitions(Page page, int n) {
        page.waitForFunction("n => +document.getElementById('show').dataset.transitions >= n", n,
                new Page.WaitForFunctionOptions().setPollingInterval(250));
    }

    private static long heapAfterGc(CDPSession cdp) {
        cdp.send("HeapProfiler.collectGarbage");
        cdp.send("HeapProfiler.collectGarbage");
        JsonObject usage = cdp.send("Runtime.getHeapUsage");
        return usage.get("usedSize").getAsLong();
    }

    private static int elements(Page page) {
        return ((Number) page.evaluate("() => document.getElementsByTagName('*').length")).intValue();
    }
}
