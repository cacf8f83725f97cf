package org.belladonna.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.router.Endpoint;
import org.belladonna.accounts.Role;
import org.belladonna.images.ImageDecoder;
import org.belladonna.store.ImageStore;
import org.belladonna.testing.ProtectionFixture;
import org.belladonna.testing.TestImages;
import org.belladonna.testing.TestServer;
import org.belladonna.testing.Waits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JSON API against a real server with the TAEF2 weights: tokens and roles, problem details for every
 * refusal, the form token for cookie sessions, a CI-sized protection end to end, and the OpenAPI description
 * naming every API route.
 */
class ProtectionApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final String BOUNDARY = "belladonna-api-test";

    @TempDir
    static Path data;
    private static TestServer server;
    private static String artist;
    private static String reviewer;
    private static String admin;
    private static long cubism;

    @BeforeAll
    static void start() throws Exception {
        server = ProtectionFixture.serverWithWeights(data);
        var accounts = server.studio().accounts();
        accounts.add("boss", Role.ADMIN, "admin password 1");
        accounts.add("mira", Role.ARTIST, "artist password 1");
        accounts.add("rev", Role.REVIEWER, "reviewer password 1");
        admin = accounts.issueToken("boss");
        artist = accounts.issueToken("mira");
        reviewer = accounts.issueToken("rev");
        cubism = ProtectionFixture.cubism(server.studio());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void protectsThroughTheApiEndToEnd() throws Exception {
        byte[] art = TestImages.png(96, 80, 11);
        HttpResponse<String> accepted = submit(artist, List.of(
                Map.entry("concept", Long.toString(cubism)), Map.entry("quality", "fast"), Map.entry("steps", "3"),
                Map.entry("working-size", "64"), Map.entry("families", "taef2")), List.of(art));
        assertEquals(202, accepted.statusCode(), accepted.body());
        JsonNode a = JSON.readTree(accepted.body());
        long id = a.path("id").asLong();
        long jobId = a.path("jobId").asLong();
        assertEquals("/api/protections/" + id, accepted.headers().firstValue("Location").orElseThrow());
        assertEquals("/api/jobs/" + jobId, a.path("links").path("job").asText());

        JsonNode job = await("API job").atMost(Waits.JOB).pollInterval(Waits.POLL).pollInSameThread().until(() -> {
            JsonNode j = JSON.readTree(get("/api/jobs/" + jobId, artist).body());
            if (List.of("failed", "cancelled").contains(j.path("state").asText())) {
                throw new AssertionError("job ended " + j);
            }
            return j;
        }, j -> j.path("state").asText().equals("done"));
        assertEquals("protect", job.path("kind").asText());
        assertEquals(1.0, job.path("progress").asDouble(), 1e-9);
        assertEquals("/api/protections/" + id, job.path("links").path("protection").asText());

        HttpResponse<String> result = get("/api/protections/" + id, artist);
        assertEquals(200, result.statusCode(), result.body());
        JsonNode r = JSON.readTree(result.body());
        assertEquals("done", r.path("state").asText());
        assertEquals(ImageStore.sha256(art), r.path("sourceSha256").asText());
        assertEquals("cubism", r.path("concept").asText());
        JsonNode families = r.path("report").path("families");
        assertEquals(1, families.size(), families.toString());
        assertEquals("taef2", families.get(0).path("family").asText());
        assertTrue(families.get(0).path("optimised").asBoolean());
        assertTrue(families.get(0).path("distanceAfter").asDouble() < families.get(0).path("distanceBefore").asDouble(),
                "the latent moved toward the target: " + families.get(0));

        HttpResponse<byte[]> image = HTTP.send(request(r.path("links").path("image").asText(), admin).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, image.statusCode());
        assertEquals("image/png", image.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(r.path("outputSha256").asText(), ImageStore.sha256(image.body()));
        var decoded = new ImageDecoder().decode(image.body());
        assertEquals(96, decoded.width());
        assertEquals(80, decoded.height());
    }

    @Test
    void withoutAValidTokenEveryRouteIs401() throws Exception {
        int before = server.studio().protection().recent(1000).size();
        List<String> headers = new ArrayList<>();
        headers.add(null);
        headers.add("Bearer bdn_" + "A".repeat(43));   // well-formed, never issued
        headers.add("Bearer not-a-token");
        headers.add("Basic Ym9zczphZG1pbg==");
        for (String authorization : headers) {
            for (String path : List.of("/api/jobs/1", "/api/protections/1", "/api/protections/1/image")) {
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url(path)));
                if (authorization != null) {
                    b.header("Authorization", authorization);
                }
                HttpResponse<String> res = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
                assertProblem(res, 401);
                assertTrue(res.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
            }
            HttpRequest.Builder post = multipart(List.of(Map.entry("concept", "1")), List.of(TestImages.png(64, 64, 1)));
            if (authorization != null) {
                post.header("Authorization", authorization);
            }
            assertProblem(HTTP.send(post.build(), HttpResponse.BodyHandlers.ofString()), 401);
        }
        assertEquals(before, server.studio().protection().recent(1000).size(), "nothing stored without a token");
    }

    @Test
    void aRevokedTokenIsRefused() throws Exception {
        server.studio().accounts().add("gone", Role.ARTIST, "artist password 2");
        String token = server.studio().accounts().issueToken("gone");
        assertEquals(404, get("/api/jobs/999999", token).statusCode()); // accepted, nothing there
        server.studio().accounts().revokeTokens("gone");
        assertProblem(get("/api/jobs/999999", token), 401);
    }

    @Test
    void aReviewerTokenIs403() throws Exception {
        int before = server.studio().protection().recent(1000).size();
        assertProblem(submit(reviewer, List.of(Map.entry("concept", Long.toString(cubism))), List.of(TestImages.png(64, 64, 2))), 403);
        assertProblem(get("/api/jobs/1", reviewer), 403);
        assertProblem(get("/api/protections/1", reviewer), 403);
        assertEquals(before, server.studio().protection().recent(1000).size());
    }

    @Test
    void badInputIsA4xxProblem() throws Exception {
        int before = server.studio().protection().recent(1000).size();
        String concept = Long.toString(cubism);
        // not multipart
        HttpResponse<String> json = HTTP.send(request("/api/protections", artist).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"concept\":1}")).build(), HttpResponse.BodyHandlers.ofString());
        assertProblem(json, 415);
        assertProblem(submit(artist, List.of(), List.of(TestImages.png(64, 64, 3))), 400);                  // no concept
        assertProblem(submit(artist, List.of(Map.entry("concept", "999999")), List.of(TestImages.png(64, 64, 3))), 400);
        assertProblem(submit(artist, List.of(Map.entry("concept", concept)), List.of()), 400);           // no image
        assertProblem(submit(artist, List.of(Map.entry("concept", concept)),
                List.of(TestImages.png(64, 64, 3), TestImages.png(64, 64, 4))), 400);                       // two images
        assertProblem(submit(artist, List.of(Map.entry("concept", concept)),
                List.of("not an image at all".getBytes(StandardCharsets.UTF_8))), 400);
        assertProblem(submit(artist, List.of(Map.entry("concept", concept), Map.entry("intensity", "extreme")),
                List.of(TestImages.png(64, 64, 3))), 400);
        assertProblem(submit(artist, List.of(Map.entry("concept", concept), Map.entry("families", "dalle")),
                List.of(TestImages.png(64, 64, 3))), 400);
        assertProblem(submit(artist, List.of(Map.entry("concept", concept), Map.entry("steps", "0")),
                List.of(TestImages.png(64, 64, 3))), 400);
        assertProblem(submit(artist, List.of(Map.entry("concept", concept)), List.of(TestImages.png(32, 32, 3))), 400); // too small
        assertProblem(get("/api/protections/999999", artist), 404);
        assertProblem(get("/api/protections/999999/image", artist), 404);
        assertProblem(get("/api/protections/abc", artist), 404);
        assertProblem(get("/api/jobs/999999", artist), 404);
        assertProblem(get("/api/nothing-here", artist), 404);
        assertEquals(before, server.studio().protection().recent(1000).size(), "nothing stored from bad input");
    }

    @Test
    void aCookieSessionNeedsTheFormToken() throws Exception {
        var user = server.studio().accounts().find("mira").orElseThrow();
        var opened = server.studio().accounts().open(user);
        String cookie = SignInGate.COOKIE + "=" + opened.cookieValue();
        // A page of this very site (no Origin) with the session cookie but no form token: refused.
        HttpResponse<String> forged = HTTP.send(multipart(List.of(Map.entry("concept", Long.toString(cubism))),
                List.of(TestImages.png(64, 64, 5))).header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
        assertProblem(forged, 403);
        // The session's own form token passes that wall (and the JSON body then meets the next: 415).
        HttpResponse<String> withToken = HTTP.send(HttpRequest.newBuilder(URI.create(server.url("/api/protections")))
                .header("Cookie", cookie).header(Csrf.HEADER, opened.csrf()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertProblem(withToken, 415);
        // Reading needs no form token.
        HttpResponse<String> read = HTTP.send(HttpRequest.newBuilder(URI.create(server.url("/api/jobs/999999")))
                .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
        assertProblem(read, 404);
    }

    @Test
    void theOpenApiDescriptionNamesEveryApiRoute() throws Exception {
        HttpResponse<String> res = HTTP.send(HttpRequest.newBuilder(URI.create(server.url(ApiAuth.DESCRIPTION))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, res.statusCode());
        JsonNode doc = JSON.readTree(res.body());
        assertTrue(doc.path("openapi").asText().startsWith("3."), doc.path("openapi").asText());
        List<Endpoint> api = server.endpoints().stream().filter(e -> e.getPath().startsWith(ApiAuth.PREFIX)).toList();
        assertTrue(api.size() >= 5, api.toString());
        for (Endpoint e : api) {
            JsonNode operation = doc.path("paths").path(e.getPath()).path(e.getMethod().name().toLowerCase(Locale.ROOT));
            assertFalse(operation.isMissingNode(), e.getMethod() + " " + e.getPath() + " is not in the description");
            assertNotNull(operation.get("responses"), e.getPath());
        }
        // and nothing described that the server does not serve
        doc.path("paths").fieldNames().forEachRemaining(p -> assertTrue(api.stream().anyMatch(e -> e.getPath().equals(p)), p));
    }

    private static void assertProblem(HttpResponse<String> res, int status) throws Exception {
        assertEquals(status, res.statusCode(), res.body());
        assertEquals(Problems.MEDIA_TYPE, res.headers().firstValue("Content-Type").orElse("").split(";")[0], res.body());
        JsonNode p = JSON.readTree(res.body());
        assertEquals(status, p.path("status").asInt());
        assertEquals("about:blank", p.path("type").asText());
        assertFalse(p.path("title").asText().isBlank());
        assertFalse(p.path("detail").asText().isBlank(), res.body());
    }

    private static HttpRequest.Builder request(String path, String token) {
        return HttpRequest.newBuilder(URI.create(server.url(path))).header("Authorization", "Bearer " + token);
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        return HTTP.send(request(path, token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> submit(String token, List<Map.Entry<String, String>> fields, List<byte[]> images)
            throws Exception {
        return HTTP.send(multipart(fields, images).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder multipart(List<Map.Entry<String, String>> fields, List<byte[]> images) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (var f : fields) {
            body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n"
                    + f.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        for (byte[] image : images) {
            body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"art.png\""
                    + "\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(image);
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(server.url("/api/protections")))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
    }
}
