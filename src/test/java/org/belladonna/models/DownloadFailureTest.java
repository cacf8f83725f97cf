package org.belladonna.models;

import com.sun.net.httpserver.HttpServer;
import org.belladonna.testing.Ports;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A download that cannot happen names its cause and the three ways round it, never "null". */
class DownloadFailureTest {
    private static ModelManifest.Model model(String url) {
        return new ModelManifest.Model("taef2-encoder", "TAEF2 encoder", "encoder", true, "taef2_encoder.pth",
                URI.create(url), null, "MIT", "", "");
    }

    private static String failure(String url) {
        DownloadFailure e = assertThrows(DownloadFailure.class, () -> ModelSource.upstream().open(model(url)).body().close());
        String m = e.getMessage();
        assertTrue(m.contains("--mirror DIR") && m.contains("BELLADONNA_MODEL_MIRROR") && m.contains("--offline"), m);
        assertTrue(!m.contains("null"), m);
        return e.reason();
    }

    @Test
    void aNameThatDoesNotResolveIsADnsFailure() {
        // .invalid never resolves (RFC 2606), with or without a network.
        String reason = failure("http://models.belladonna.invalid/taef2_encoder.pth");
        assertTrue(reason.contains("DNS failure") && reason.contains("models.belladonna.invalid"), reason);
    }

    @Test
    void aRefusedConnectionIsNoNetwork() throws IOException {
        int closed = Ports.free();
        String reason = failure("http://127.0.0.1:" + closed + "/taef2_encoder.pth");
        assertTrue(reason.contains("no network") && reason.contains("127.0.0.1"), reason);
    }

    @Test
    void anErrorStatusIsNamed() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        try {
            String reason = failure("http://127.0.0.1:" + server.getAddress().getPort() + "/taef2_encoder.pth");
            assertTrue(reason.contains("HTTP 404"), reason);
        } finally {
            server.stop(0);
        }
    }
}
