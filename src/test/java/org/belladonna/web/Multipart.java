package org.belladonna.web;

import org.belladonna.testing.TestServer;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** A multipart ZIP upload with a valid CSRF cookie and header, as the page's form sends it. */
final class Multipart {
    private Multipart() {
    }

    static HttpResponse<String> post(TestServer server, String path, String fileName, byte[] content) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String token = "a".repeat(43);
        String boundary = "belladonna-test-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"archive\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/zip\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create(server.url(path)))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Cookie", Csrf.COOKIE + "=" + token).header(Csrf.HEADER, token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
    }
}
