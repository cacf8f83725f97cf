package org.belladonna.web;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.belladonna.store.Records.Protection;
import org.belladonna.testing.BrowserTest;
import org.belladonna.testing.ProtectionFixture;
import org.belladonna.testing.TestServer;
import org.belladonna.testing.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A slow protection (real TAEF2 weights, many steps on a tiny image) shows its named phase, its step and a
 * time left measured from its steps; when the server stops answering, the page says so instead of
 * keeping a stale estimate.
 */
class JobProgressBrowserTest extends BrowserTest {
    private static final Locator.WaitForOptions BOUNDED = new Locator.WaitForOptions().setTimeout(Waits.JOB.toMillis());

    @Test
    void aSlowJobShowsNamedPhasesAndThenThatTheServerStoppedAnswering(@TempDir Path data) throws Exception {
        TestServer server = ProtectionFixture.serverWithWeights(data);
        Page page = desktop();
        try {
            Protection p = ProtectionFixture.submitOne(server.studio(), 64, 64, 21, 10_000);
            page.navigate(server.url("/protect/" + p.id()));
            page.locator(".job-phase:has-text('Optimising · phase 2 of 4')").waitFor(BOUNDED);
            page.locator(".job-step:has-text('of 10000')").waitFor(BOUNDED);
            page.locator(".job-eta:has-text('about')").waitFor(BOUNDED);
            String status = page.locator(".job-status").innerText();
            assertTrue(status.matches("(?s).*step \\d+ of 10000.*about .* left.*"), status);
        } finally {
            server.close();
        }
        page.locator(".job-offline").waitFor(BOUNDED);
        String shown = page.locator(".job").innerText();
        assertTrue(shown.contains("The server is not answering"), shown);
        assertEquals(0, page.locator(".job-eta").count(), "no stale estimate: " + shown);
    }
}
