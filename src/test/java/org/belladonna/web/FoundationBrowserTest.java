package org.belladonna.web;

import com.microsoft.playwright.Page;
import org.belladonna.gallery.Gallery.NewImage;
import org.belladonna.testing.Browser;
import org.belladonna.testing.BrowserTest;
import org.belladonna.testing.TestImages;
import org.belladonna.testing.ServerPerClass;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The web shell in a real browser: home page, an experiment with before/after rows, a phone viewport. */
class FoundationBrowserTest extends BrowserTest {
    @RegisterExtension
    static final ServerPerClass server = new ServerPerClass();
    private static long experimentId;

    @BeforeAll
    static void start() throws Exception {
        var gallery = server.studio().gallery();
        experimentId = gallery.createExperiment("Monet -> cubism, 300 poisoned", "", "Monet");
        List<NewImage> images = new ArrayList<>();
        String[] prompts = {"Water Lilies", "headphones"};
        for (int p = 0; p < prompts.length; p++) {
            for (String variant : List.of("before", "after")) {
                for (int seed = 0; seed < 3; seed++) {
                    long s = p * 100 + (variant.equals("after") ? 50 : 0) + seed;
                    images.add(new NewImage(prompts[p], p == 0, variant, (long) seed, "img" + s + ".png", "{}",
                            TestImages.png(96, 96, s)));
                }
            }
        }
        gallery.addImages(experimentId, images);
    }

    @Test
    void homePageLoads() {
        Page page = desktop();
        var response = page.navigate(server.url("/"));
        assertEquals(200, response.status());
        assertTrue(page.title().contains("Belladonna"));
        assertTrue(page.locator("h1").innerText().contains("Protect your art"));
        page.screenshot(new Page.ScreenshotOptions().setPath(Browser.screenshot("home-1920x1080")).setFullPage(true));
    }

    @Test
    void experimentShowsPromptsWithBeforeAndAfterImages() {
        Page page = desktop();
        page.navigate(server.url("/experiments"));
        page.getByText("Monet -> cubism, 300 poisoned").click();
        page.waitForURL("**/experiments/" + experimentId);
        assertEquals(2, page.locator(".prompt-row").count());
        var lilies = page.locator(".prompt-row", new Page.LocatorOptions().setHasText("Water Lilies"));
        assertEquals(3, lilies.locator("figure:has-text('Before') img").count());
        assertEquals(3, lilies.locator("figure:has-text('After') img").count());
        assertTrue(lilies.locator(".tag").innerText().contains("related"));
        // Every thumbnail really loaded (naturalWidth > 0 means the browser decoded an image).
        page.waitForFunction("() => [...document.images].every(i => i.complete && i.naturalWidth > 0)");
        page.screenshot(new Page.ScreenshotOptions().setPath(Browser.screenshot("experiment-1920x1080")).setFullPage(true));

        lilies.locator("figure:has-text('After') a").first().click();
        page.waitForURL("**/images/*");
        assertTrue(page.locator("main").innerText().contains("Water Lilies"));
    }

    @Test
    void phoneViewportHasNoHorizontalScroll() {
        Page page = phone();
        for (String path : List.of("/", "/experiments", "/experiments/" + experimentId, "/nope")) {
            page.navigate(server.url(path));
            Object overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertEquals(0, ((Number) overflow).intValue(), "horizontal overflow on " + path);
        }
        page.navigate(server.url("/experiments/" + experimentId));
        page.screenshot(new Page.ScreenshotOptions().setPath(Browser.screenshot("experiment-phone")).setFullPage(true));
    }

    @Test
    void consoleStaysClean() {
        Page page = desktop();
        List<String> problems = consoleProblems(page);
        page.navigate(server.url("/experiments/" + experimentId));
        page.waitForLoadState();
        assertEquals(List.of(), problems);
    }
}
