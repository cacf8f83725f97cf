package org.belladonna.web;

import org.belladonna.testing.NoNetwork;
import org.belladonna.testing.TestServer;
import org.belladonna.testing.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A first start without a network: the home page says the install failed, why, and the three ways round it. */
class ModelInstallOfflineTest {
    @Test
    void theHomePageNamesTheCauseAndTheFixes(@TempDir Path data) throws Exception {
        try (NoNetwork ignored = new NoNetwork(); TestServer server = TestServer.start(data, WebServer.Options.defaults())) {
            await("the install job fails").atMost(Waits.JOB).pollInterval(Waits.POLL)
                    .until(() -> server.studio().modelInstalls().latest().map(j -> j.finished()).orElse(false));
            String home = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url("/"))).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            int at = home.indexOf("Installing the default models failed");
            assertTrue(at >= 0, home);
            String message = home.substring(at, home.indexOf("</div>", at));
            assertTrue(message.contains("no network"), message);
            assertTrue(message.contains("--mirror DIR") && message.contains("BELLADONNA_MODEL_MIRROR") && message.contains("--offline"), message);
            assertFalse(message.contains("failed: ."), message);
        }
    }
}
