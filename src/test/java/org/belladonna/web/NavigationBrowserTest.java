package org.belladonna.web;

import com.microsoft.playwright.Page;
import org.belladonna.testing.BrowserTest;
import org.belladonna.testing.ServerPerClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The top bar reaches every area, and a page keeps its own title after htmx loads a panel into it. */
class NavigationBrowserTest extends BrowserTest {
    @RegisterExtension
    static final ServerPerClass server = new ServerPerClass();

    @Test
    void theTopBarLinksConceptsAndTheKioskSettings() {
        Page page = desktop();
        page.navigate(server.url("/"));
        String nav = page.locator("nav[aria-label=Main] ul").innerText();
        for (String area : new String[]{"Protect", "Experiments", "Concepts", "Kiosk", "Models"}) {
            assertTrue(nav.contains(area), nav);
        }
        page.click("nav[aria-label=Main] a:has-text('Concepts')");
        page.waitForURL("**/concepts");
        assertEquals("Concepts", page.locator("nav[aria-label=Main] a.active").innerText());
        page.click("nav[aria-label=Main] a:has-text('Kiosk')");
        page.waitForURL("**/kiosk/settings");
    }

    @Test
    void theExperimentPageKeepsItsTitleAfterItsScoresPanelLoads() {
        long id = server.studio().gallery().createExperiment("Monet → cubism", "", "Monet");
        Page page = desktop();
        page.navigate(server.url("/experiments/" + id));
        // The loader is replaced by the panel cut from the scores page (whose own title is "Scores · …").
        page.waitForFunction("() => !document.querySelector('#scoring[hx-trigger=load]') && document.querySelector('#scoring')");
        page.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
        assertEquals("Monet → cubism · Belladonna", page.title());
    }
}
