package org.belladonna.web;

import org.belladonna.testing.ServerPerClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server's defences, checked over real HTTP. */
class SafetyTest {
    @RegisterExtension
    static final ServerPerClass server = new ServerPerClass();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.url(path))).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void postWithoutCsrfTokenIsRefusedAndChangesNothing() throws Exception {
        var response = HTTP.send(HttpRequest.newBuilder(URI.create(server.url("/experiments")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=forged")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, response.statusCode());
        assertTrue(response.body().contains("<h1>"), "403 is an HTML page");
        assertEquals(0, server.studio().gallery().experiments().stream().filter(e -> e.name().equals("forged")).count());
    }

    @Test
    void postWithTheCookieTokenIsAccepted() throws Exception {
        var page = get("/experiments");
        String cookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String token = cookie.substring(cookie.indexOf('=') + 1);
        // The token rides on the form's action URL (never in the body, which is not read to find it).
        var response = HTTP.send(HttpRequest.newBuilder(URI.create(server.url("/experiments?_csrf=" + token)))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookie)
                .POST(HttpRequest.BodyPublishers.ofString("name=real")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(303, response.statusCode());
        // A token from another cookie is refused.
        var forged = HTTP.send(HttpRequest.newBuilder(URI.create(server.url("/experiments?_csrf=" + "A".repeat(43))))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookie)
                .POST(HttpRequest.BodyPublishers.ofString("name=x")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, forged.statusCode());
    }

    @Test
    void imageRoutesAcceptOnlyHashes() throws Exception {
        assertEquals(400, get("/images/..%2F..%2Fetc%2Fpasswd").statusCode());
        assertEquals(400, get("/images/abc/file").statusCode());
        assertEquals(404, get("/images/" + "0".repeat(64) + "/file").statusCode());
        int raw = rawStatus("GET /images/../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertTrue(raw == 400 || raw == 404, "raw traversal answered " + raw);
    }

    @Test
    void securityHeadersOnEveryResponse() throws Exception {
        for (String path : new String[]{"/", "/nope", "/static/css/belladonna.css"}) {
            var headers = get(path).headers();
            String csp = headers.firstValue("Content-Security-Policy").orElse("");
            assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline';") || csp.contains("script-src 'self';"), path + ": " + csp);
            assertTrue(csp.contains("frame-ancestors 'none'"), path);
            assertEquals("nosniff", headers.firstValue("X-Content-Type-Options").orElse(""), path);
        }
        assertTrue(!SecurityHeaders.CSP.contains("script-src 'self' 'unsafe-inline'"));
    }

    @Test
    void errorsAreHtmlPagesWithTheirStatus() throws Exception {
        var missing = get("/no/such/page");
        assertEquals(404, missing.statusCode());
        assertTrue(missing.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(missing.body().contains("404") && missing.body().contains("nothing at this address"));
        var noExperiment = get("/experiments/999");
        assertEquals(404, noExperiment.statusCode());
        assertTrue(noExperiment.body().contains("There is no experiment 999."));
    }

    @Test
    void bindsToLoopbackByDefault() {
        assertEquals("127.0.0.1", new picocli.CommandLine(new org.belladonna.cli.ServeCommand())
                .getCommandSpec().findOption("--host").defaultValue());
    }

    @Test
    void oversizedFormBodyIsRefused() throws Exception {
        String body = "name=" + "x".repeat(2 * 1024 * 1024);
        var response = HTTP.send(HttpRequest.newBuilder(URI.create(server.url("/experiments")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(response.statusCode() == 413 || response.statusCode() == 403, "got " + response.statusCode());
        assertEquals(0, server.studio().gallery().experiments().stream().filter(e -> e.name().startsWith("xxx")).count());
    }

    private static int rawStatus(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(status.substring(9, 12));
        }
    }
}
