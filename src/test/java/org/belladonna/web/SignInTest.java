package org.belladonna.web;

import org.belladonna.accounts.Role;
import org.belladonna.testing.KioskFixture;
import org.belladonna.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A server bound beyond loopback: this machine's own network address when it has one, else 0.0.0.0 (reached
 * through 127.0.0.1: the rule follows the bind address, not the client's). Nothing but the public pages
 * without an account; roles per area; sessions in HttpOnly, SameSite=Strict cookies; rate-limited sign-in.
 * A fresh server per test, so each starts with full sign-in buckets.
 */
class SignInTest {
    private static final Pattern META = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\">");
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private TestServer server;

    @TempDir
    Path data;

    @TempDir
    Path kioskData;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.startOn(bindAddress(), data, new WebServer.Options(false, true));
        System.out.println("bound to " + server.host() + ":" + server.port());
        var accounts = server.studio().accounts();
        accounts.add("boss", Role.ADMIN, "admin password 1");
        accounts.add("mira", Role.ARTIST, "artist password 1");
        accounts.add("rev", Role.REVIEWER, "reviewer password 1");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static String bindAddress() throws Exception {
        return SignInTestAddress.bindAddress();
    }

    private HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url(path)));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String cookie, String token, String form) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url(path)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        if (token != null) {
            b.header("X-CSRF-Token", token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Signs in like the login form does: its pre-session token, then the POST; returns the response. */
    private HttpResponse<String> signIn(String name, String password) throws Exception {
        HttpResponse<String> form = get("/login", null);
        String csrfCookie = form.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String token = token(form.body());
        return post("/login?_csrf=" + token, csrfCookie, null, "name=" + enc(name) + "&password=" + enc(password) + "&next=%2F");
    }

    /** The session cookie ("belladonna_session=...") of a successful sign-in. */
    private String session(String name, String password) throws Exception {
        HttpResponse<String> r = signIn(name, password);
        assertEquals(303, r.statusCode(), r.body());
        return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(SignInGate.COOKIE + "="))
                .findFirst().orElseThrow().split(";")[0];
    }

    private static String token(String page) {
        Matcher m = META.matcher(page);
        assertTrue(m.find(), "the page carries its form token");
        return m.group(1);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private long experiments(String name) {
        return server.studio().gallery().experiments().stream().filter(e -> e.name().equals(name)).count();
    }

    @Test
    void withoutAnAccountOnlyThePublicPagesAreServed() throws Exception {
        assertEquals(200, get("/health", null).statusCode());
        assertEquals(200, get("/static/css/belladonna.css", null).statusCode());
        HttpResponse<String> login = get("/login", null);
        assertEquals(200, login.statusCode());
        assertTrue(login.body().contains("Sign in") && login.body().contains("name=\"password\""), login.body());
        for (String path : List.of("/", "/experiments", "/protect", "/models", "/kiosk/settings", "/images/" + "0".repeat(64),
                "/jobs/1", "/show", "/nope")) {
            HttpResponse<String> r = get(path, null);
            assertEquals(303, r.statusCode(), path);
            assertEquals("/login?next=" + enc(path), r.headers().firstValue("Location").orElse(""), path);
        }
        // A change without a session: 401, even with a valid pre-session token, and nothing happens.
        HttpResponse<String> page = get("/login", null);
        String csrfCookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        HttpResponse<String> r = post("/experiments", csrfCookie, token(page.body()), "name=anonymous");
        assertEquals(401, r.statusCode());
        assertTrue(r.body().contains("Sign in first"), r.body());
        assertEquals(0, experiments("anonymous"));
    }

    @Test
    void signingInGivesAStrictHttpOnlySessionCookieAndSigningOutEndsIt() throws Exception {
        HttpResponse<String> wrong = signIn("boss", "not the password");
        assertEquals(401, wrong.statusCode());
        assertTrue(wrong.body().contains("Wrong name or password."));
        assertEquals(401, signIn("nobody", "admin password 1").statusCode(), "an unknown name gets the same answer");

        HttpResponse<String> ok = signIn("boss", "admin password 1");
        assertEquals(303, ok.statusCode());
        assertEquals("/", ok.headers().firstValue("Location").orElse(""));
        String setCookie = ok.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(SignInGate.COOKIE)).findFirst().orElseThrow();
        assertTrue(setCookie.contains("; HttpOnly") && setCookie.contains("; SameSite=Strict") && setCookie.contains("; Path=/"), setCookie);
        String cookie = setCookie.split(";")[0];
        String value = cookie.substring(cookie.indexOf('=') + 1);
        assertEquals(0, (int) server.studio().store().read(h -> h.createQuery("SELECT count(*) FROM session WHERE id_digest = ?")
                .bind(0, value).mapTo(Integer.class).one()), "the table holds a digest, not the cookie");

        HttpResponse<String> home = get("/", cookie);
        assertEquals(200, home.statusCode());
        assertTrue(home.body().contains("Sign out") && home.body().contains("boss (admin)"), home.body());

        HttpResponse<String> out = post("/logout", cookie, token(home.body()), "");
        assertEquals(303, out.statusCode());
        assertEquals("/login", out.headers().firstValue("Location").orElse(""));
        assertEquals(303, get("/", cookie).statusCode(), "the old cookie is worth nothing now");
    }

    @Test
    void eachRoleReachesItsOwnAreasOnly() throws Exception {
        Map<String, List<String>> allowed = Map.of(
                "mira", List.of("/", "/protect", "/concepts", "/models/status"),
                "rev", List.of("/", "/experiments", "/models/status"),
                "boss", List.of("/", "/protect", "/concepts", "/experiments", "/models", "/kiosk/settings", "/show"));
        Map<String, List<String>> refused = Map.of(
                "mira", List.of("/experiments", "/models", "/kiosk/settings", "/show"),
                "rev", List.of("/protect", "/concepts", "/models", "/kiosk/settings"),
                "boss", List.of());
        Map<String, String> passwords = Map.of("mira", "artist password 1", "rev", "reviewer password 1", "boss", "admin password 1");
        for (String name : List.of("mira", "rev", "boss")) {
            String cookie = session(name, passwords.get(name));
            for (String path : allowed.get(name)) {
                assertEquals(200, get(path, cookie).statusCode(), name + " " + path);
            }
            for (String path : refused.get(name)) {
                HttpResponse<String> r = get(path, cookie);
                assertEquals(403, r.statusCode(), name + " " + path);
                assertTrue(r.body().contains("cannot use this part of the studio"), r.body());
            }
            // Changes: an experiment is a reviewer's (or admin's) to make, with the session's own token.
            String token = token(get("/", cookie).body());
            int status = post("/experiments", cookie, token, "name=by-" + name).statusCode();
            assertEquals(name.equals("mira") ? 403 : 303, status, name);
            assertEquals(403, post("/experiments", cookie, "x".repeat(43), "name=forged-" + name).statusCode(), "another token");
        }
        // Stopping a job follows the same areas: an import is a reviewer's, so an artist may not cancel it.
        long importJob = server.studio().importer().submitUpload(server.studio().importer().newUpload(), "x.zip", null, "x", null);
        String artist = session("mira", "artist password 1");
        assertEquals(403, post("/jobs/" + importJob + "/cancel", artist, token(get("/", artist).body()), "").statusCode());
        String reviewer = session("rev", "reviewer password 1");
        assertEquals(200, post("/jobs/" + importJob + "/cancel", reviewer, token(get("/", reviewer).body()), "").statusCode());
        assertEquals(0, experiments("by-mira"));
        assertEquals(1, experiments("by-rev"));
        assertEquals(1, experiments("by-boss"));
        assertEquals(0, experiments("forged-rev") + experiments("forged-boss"));
    }

    @Test
    void sign_inAttemptsAreRateLimitedPerAccount() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertEquals(401, signIn("mira", "guess " + i).statusCode());
        }
        HttpResponse<String> limited = signIn("mira", "artist password 1");
        assertEquals(429, limited.statusCode(), "even the right password waits now");
        long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        assertTrue(limited.body().contains("Too many sign-in attempts"), limited.body());
        assertEquals(303, signIn("rev", "reviewer password 1").statusCode(), "another account is not locked");
    }

    @Test
    void sessionsSurviveARestart() throws Exception {
        String cookie = session("rev", "reviewer password 1");
        Path data = server.dataDir();
        String host = bindAddress();
        server.close();
        server = TestServer.startOn(host, data, new WebServer.Options(false, true));
        assertEquals(200, get("/experiments", cookie).statusCode());
    }

    @Test
    void theKioskStaysPublicAndReadOnlyOffLoopback() throws Exception {
        KioskFixture fixture = KioskFixture.create(kioskData);
        try (TestServer kiosk = TestServer.startOn(bindAddress(), fixture.dataDir(), new WebServer.Options(true, true))) {
            HttpResponse<String> show = HTTP.send(HttpRequest.newBuilder(URI.create(kiosk.url("/"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, show.statusCode());
            assertTrue(show.body().contains("id=\"show\""));
            assertEquals(200, HTTP.send(HttpRequest.newBuilder(URI.create(kiosk.url("/show/playlist.json"))).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            HttpResponse<String> login = HTTP.send(HttpRequest.newBuilder(URI.create(kiosk.url("/login"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, login.statusCode(), "no accounts on the exhibition screen");
            assertFalse(kiosk.studio().accounts().all().stream().anyMatch(u -> u.role() == Role.ADMIN && !u.name().equals("boss")));
        }
    }
}
