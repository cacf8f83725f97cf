package org.belladonna.kiosk;

import com.microsoft.playwright.Page;
import org.belladonna.testing.BrowserTest;
import org.belladonna.testing.KioskFixture;
import org.belladonna.testing.TestServer;
import org.belladonna.web.WebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An item taken out of the playlist while the show runs is skipped at the next slide change (within one
 * dwell, counted in transitions, not seconds), with no request for its images (no 404 in the console) and
 * no stall. The page runs with the real playlist reload interval, as an exhibition screen does.
 */
class KioskRemovalBrowserTest extends BrowserTest {
    private static final String ARTWORK_TITLE = "Water Lilies (1919)";

    @Test
    void aRemovedItemIsSkippedWithinOneDwell(@TempDir Path data) {
        KioskFixture fixture = KioskFixture.create(data);
        fixture.choose(8, KioskSettings.Order.SEQUENTIAL);
        try (TestServer server = TestServer.start(fixture.dataDir(), new WebServer.Options(true, false))) {
            Page page = desktop();
            List<String> console = consoleProblems(page);
            page.setDefaultTimeout(120_000);
            page.navigate(server.url("/?dwell=1500"));
            page.waitForSelector("#show[data-slides='4']");
            // Every caption title the show puts up, in order.
            page.evaluate("""
                    () => { window.titles = [];
                      new MutationObserver(() => window.titles.push(document.querySelector('#show .title').textContent))
                        .observe(document.querySelector('#show .title'), {childList: true, characterData: true, subtree: true}); }""");
            KioskShowBrowserTest.waitForTransitions(page, 1);

            new Kiosk(server.studio().store()).save(new KioskSettings(8, KioskSettings.Order.SEQUENTIAL,
                    List.of(fixture.shownExperiment()), List.of()));
            int atRemoval = KioskShowBrowserTest.transitions(page);
            int titlesAtRemoval = ((Number) page.evaluate("() => window.titles.length")).intValue();
            page.waitForSelector("#show[data-slides='3']");
            int noticedAfter = KioskShowBrowserTest.transitions(page) - atRemoval;
            assertTrue(noticedAfter <= 1, "the removal was noticed after " + noticedAfter + " slide changes");

            // A whole round of the three remaining slides (two frames each) and more: the artwork never comes.
            KioskShowBrowserTest.waitForTransitions(page, atRemoval + 8);
            @SuppressWarnings("unchecked")
            List<String> titles = (List<String>) page.evaluate("() => window.titles");
            List<String> after = titles.subList(titlesAtRemoval, titles.size());
            assertFalse(after.subList(Math.min(after.size(), 1), after.size()).contains(ARTWORK_TITLE),
                    "shown after the removal: " + after);
            assertEquals("showing", page.locator("#show").getAttribute("data-state"));
            assertTrue(console.stream().noneMatch(line -> line.contains("404")), console.toString());
        }
    }
}
