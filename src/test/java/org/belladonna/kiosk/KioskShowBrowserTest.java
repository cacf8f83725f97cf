package org.belladonna.kiosk;

import org.belladonna.testing.KioskFixture;
import com.microsoft.playwright.Page;
import org.belladonna.app.Studio;
import org.belladonna.gallery.Gallery.NewImage;
import org.belladonna.testing.Browser;
import org.belladonna.testing.BrowserTest;
import org.belladonna.testing.TestServer;
import org.belladonna.web.WebServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The show in a real browser against a real kiosk-mode server: it runs, recovers, and fits every screen. */
class KioskShowBrowserTest extends BrowserTest {
    private static final WebServer.Options KIOSK = new WebServer.Options(true, false);

    @TempDir
    static Path data;
    private static KioskFixture fixture;

    @BeforeAll
    static void prepare() {
        fixture = KioskFixture.create(data);
        fixture.choose(8, KioskSettings.Order.SEQUENTIAL);
    }

    @Test
    void showAdvancesByItselfThroughBeforeAfterAndArtworks() {
        try (TestServer server = TestServer.start(fixture.dataDir(), KIOSK)) {
            Page page = desktop();
            List<String> problems = consoleProblems(page);
            // Records what is on screen after each transition, from inside the page, so nothing is missed.
            page.addInitScript("""
                    window.__seen = [];
                    document.addEventListener('DOMContentLoaded', () => new MutationObserver(() => window.__seen.push([
                        document.querySelector('.title').textContent,
                        document.querySelector('.layer.on img').getAttribute('src'),
                        ['.stage', '.title', '.steps', '.note', '.scores'].map(s => JSON.stringify(
                            document.querySelector(s).getBoundingClientRect())).join()]))
                      .observe(document.getElementById('show'), {attributes: true, attributeFilter: ['data-transitions']}));""");
            page.navigate(server.url("/?dwell=150"));
            // One full round: 3 prompts x 2 frames + 1 artwork x 4 frames.
            waitForTransitions(page, 10);
            @SuppressWarnings("unchecked")
            List<List<String>> seen = (List<List<String>>) page.evaluate("() => window.__seen.slice(0, 10)");
            Set<String> titles = new HashSet<>();
            Set<String> sources = new HashSet<>();
            Set<String> layouts = new HashSet<>();
            for (List<String> s : seen) {
                titles.add(s.get(0));
                sources.add(s.get(1));
                layouts.add(s.get(2));
            }
            assertEquals(1, layouts.size(), "stage and caption never move: " + layouts);
            assertEquals(Set.of("Water lilies on a pond, by Monet", "A bridge over the Thames at dusk",
                    "A portrait photo of a dog", "Water Lilies (1919)"), titles);
            assertEquals(10, sources.size(), "every frame of the round was on screen: " + sources);
            assertTrue(sources.contains(Playlist.IMAGE_PATH + fixture.pairedBeforeHash()));
            // The same two <img> elements the whole time.
            assertEquals(2, page.locator("img").count());
            assertEquals(List.of(), problems);
        }
    }

    @Test
    void fillsLandscapePortraitAnd4kScreens() {
        try (TestServer server = TestServer.start(fixture.dataDir(), KIOSK)) {
            for (int[] size : new int[][]{{1920, 1080}, {1080, 1920}, {3840, 2160}}) {
                Page page = page(size[0], size[1]);
                // A long dwell holds the first slide still; wait for the scores line of the lilies slide.
                page.navigate(server.url("/?dwell=600000"));
                waitForTransitions(page, 1);
                page.waitForFunction("() => document.querySelector('.layer.on img').complete && "
                        + "document.getAnimations().length === 0");
                assertTrue(page.locator(".scores").innerText().contains(KioskFixture.MODEL));
                assertEquals("5.50", page.locator(".steps li").first().locator(".step-score").innerText());
                Object fits = page.evaluate("() => { const r = document.querySelector('.layer.on img').getBoundingClientRect();"
                        + " return r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight && r.width > innerWidth / 3; }");
                assertEquals(Boolean.TRUE, fits, "image inside the screen at " + size[0] + "x" + size[1]);
                Object overflow = page.evaluate("() => document.documentElement.scrollWidth > innerWidth || document.documentElement.scrollHeight > innerHeight");
                assertEquals(Boolean.FALSE, overflow);
                assertEquals("none", page.evaluate("() => getComputedStyle(document.querySelector('.title')).cursor"));
                page.screenshot(new Page.ScreenshotOptions().setPath(Browser.screenshot("kiosk-" + size[0] + "x" + size[1])));
                page.context().close();
            }
        }
    }

    @Test
    void emptyShowWaitsCalmlyAndStartsWhenSomethingIsChosen(@TempDir Path dir) throws Exception {
        try (TestServer server = TestServer.start(dir, KIOSK)) {
            Page page = desktop();
            page.navigate(server.url("/?dwell=200&refresh=300"));
            page.waitForSelector("#show[data-state=empty]");
            assertTrue(page.locator(".empty h1").isVisible());
            assertEquals("Nothing to show yet", page.locator(".empty h1").innerText());
            page.screenshot(new Page.ScreenshotOptions().setPath(Browser.screenshot("kiosk-empty-1920x1080")));
            int loads = loads(page);
            waitForLoads(page, loads + 2); // it keeps polling

            // An admin adds an experiment (here straight into the store the admin side writes to).
            Studio studio = server.studio();
            long id = studio.gallery().createExperiment("Late addition", "", "");
            studio.gallery().addImages(id, List.of(
                    new NewImage("late prompt", true, "before", 1L, "a.png", "{}", KioskFixture.marked("monet-charing-cross-bridge.jpg", 1)),
                    new NewImage("late prompt", true, "after", 1L, "b.png", "{}", KioskFixture.marked("gris-glass-and-checkerboard-1917.posterized.png", 1))));
            new Kiosk(studio.store()).save(new KioskSettings(8, KioskSettings.Order.SEQUENTIAL, List.of(id), List.of()));
            waitForTransitions(page, 2);
            assertEquals("late prompt", page.locator(".title").innerText());
            assertTrue(page.locator(".empty h1").isHidden());
        }
    }

    @Test
    void survivesAServerRestartMidShow() {
        TestServer server = TestServer.start(fixture.dataDir(), KIOSK);
        int port = server.port();
        Page page = desktop();
        try {
            page.navigate(server.url("/?dwell=100&refresh=300"));
            waitForTransitions(page, 12); // a whole round, so every image is in the browser's cache
            server.close();
            page.waitForSelector("#show[data-online=no]");
            int during = transitions(page);
            waitForTransitions(page, during + 3); // the show goes on while the server is away
            int loads = loads(page);

            server = TestServer.start(fixture.dataDir(), KIOSK, port);
            page.waitForSelector("#show[data-online=yes]");
            waitForLoads(page, loads + 1);
            int after = transitions(page);
            waitForTransitions(page, after + 5);
            assertEquals("showing", page.locator("#show").getAttribute("data-state"));

            // And changes made while it runs are picked up: the artwork is taken out of the show.
            new Kiosk(server.studio().store()).save(new KioskSettings(8, KioskSettings.Order.SEQUENTIAL,
                    List.of(fixture.shownExperiment()), List.of()));
            page.waitForSelector("#show[data-slides='3']");
        } finally {
            server.close();
            fixture.choose(8, KioskSettings.Order.SEQUENTIAL);
        }
    }

    static void waitForTransitions(Page page, int n) {
        page.waitForFunction("n => +document.getElementById('show').dataset.transitions >= n", n);
    }

    static int transitions(Page page) {
        return Integer.parseInt(page.locator("#show").getAttribute("data-transitions"));
    }

    private static int loads(Page page) {
        return Integer.parseInt(page.locator("#show").getAttribute("data-playlist-loads"));
    }

    private static void waitForLoads(Page page, int n) {
        page.waitForFunction("n => +document.getElementById('show').dataset.playlistLoads >= n", n);
    }
}
