package org.belladonna.web;

import org.belladonna.kiosk.Kiosk;
import org.belladonna.testing.KioskFixture;
import org.belladonna.kiosk.KioskSettings;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import org.belladonna.testing.Browser;
import org.belladonna.testing.BrowserTest;
import org.belladonna.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The admin side (normal mode): choosing what the kiosk plays, with CSRF, and previewing it. */
class KioskSettingsPageTest extends BrowserTest {
    @TempDir
    static Path data;
    private static KioskFixture fixture;
    private static TestServer server;
    private static Kiosk kiosk;

    @BeforeAll
    static void start() {
        fixture = KioskFixture.create(data);
        server = TestServer.start(fixture.dataDir(), WebServer.Options.defaults());
        kiosk = new Kiosk(server.studio().store());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void adminChoosesExperimentsArtworksDwellAndOrder() {
        Page page = desktop();
        page.navigate(server.url("/"));
        page.getByText("Choose what it shows").click();
        page.waitForURL("**/kiosk/settings");
        assertEquals(2, page.locator("input[name=experiment]").count());
        assertEquals(1, page.locator("input[name=artwork]").count());

        page.getByLabel("Monet → cubism, 300 poisoned").check();
        page.getByLabel("Water Lilies (1919)").check();
        page.getByLabel("Seconds each image stays on screen").fill("5");
        page.getByLabel("Shuffled").check();
        page.getByText("Save the show").click();
        page.waitForURL("**/kiosk/settings?saved");
        assertTrue(page.locator(".notice").innerText().contains("4 slides"), page.locator(".notice").innerText());
        page.screenshot(new Page.ScreenshotOptions().setPath(Browser.screenshot("kiosk-settings")).setFullPage(true));

        KioskSettings saved = kiosk.settings();
        assertEquals(5, saved.dwellSeconds());
        assertEquals(KioskSettings.Order.SHUFFLED, saved.order());
        assertEquals(List.of(fixture.shownExperiment()), saved.experimentIds());
        assertEquals(List.of(fixture.artwork()), saved.artworkIds());

        page.reload();
        assertTrue(page.getByLabel("Monet → cubism, 300 poisoned").isChecked());
        assertTrue(!page.getByLabel("Not in the show").isChecked());
        assertTrue(page.getByLabel("Shuffled").isChecked());

        // The preview plays the same show on the admin server.
        page.navigate(server.url("/show?dwell=100"));
        page.waitForFunction("() => +document.getElementById('show').dataset.transitions >= 2");
        assertEquals("4", page.locator("#show").getAttribute("data-slides"));
    }

    @Test
    void changesNeedTheCsrfTokenAndValidValues() {
        KioskSettings before = kiosk.settings();
        Page page = desktop();
        page.navigate(server.url("/kiosk/settings"));
        String token = page.locator("meta[name=csrf-token]").getAttribute("content");

        APIResponse forged = page.request().post(server.url("/kiosk/settings"), RequestOptions.create()
                .setForm(FormData.create().set("dwell", "3").set("order", "sequential").set("experiment", Long.toString(fixture.hiddenExperiment())))
                .setMaxRedirects(0));
        assertEquals(403, forged.status());

        for (FormData bad : List.of(
                FormData.create().set("_csrf", token).set("dwell", "1").set("order", "sequential"),
                FormData.create().set("_csrf", token).set("dwell", "ten").set("order", "sequential"),
                FormData.create().set("_csrf", token).set("dwell", "8").set("order", "random"),
                FormData.create().set("_csrf", token).set("dwell", "8").set("order", "sequential").set("experiment", "999"),
                FormData.create().set("_csrf", token).set("dwell", "8").set("order", "sequential").set("artwork", "x"))) {
            // The token travels as a header (as htmx sends it); the body is never read to find one.
            APIResponse response = page.request().post(server.url("/kiosk/settings"), RequestOptions.create().setForm(bad)
                    .setHeader("X-CSRF-Token", token).setMaxRedirects(0));
            assertEquals(400, response.status(), response.text());
        }
        assertEquals(before, kiosk.settings());
    }
}
