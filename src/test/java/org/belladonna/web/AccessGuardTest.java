package org.belladonna.web;

import org.belladonna.testing.RawHttp;
import org.belladonna.testing.ServerPerClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On loopback: a Host that is not this machine is refused (DNS rebinding), and a change whose Origin or
 * Referer is another site is refused, even with a valid form token. Raw sockets, so every header is exactly
 * what an attacker's browser would send.
 */
class AccessGuardTest {
    private static final String TOKEN = "t".repeat(43);
    @RegisterExtension
    static final ServerPerClass server = new ServerPerClass();

    private static RawHttp.Reply get(String host) throws Exception {
        return RawHttp.send("127.0.0.1", server.port(), "GET /experiments HTTP/1.1\r\nHost: " + host
                + "\r\nConnection: close\r\n\r\n", 10_000);
    }

    /** A form post that creates an experiment, with a valid double-submit token, plus the given headers. */
    private static RawHttp.Reply create(String name, String host, String extraHeaders) throws Exception {
        String body = "name=" + name;
        return RawHttp.send("127.0.0.1", server.port(), "POST /experiments HTTP/1.1\r\nHost: " + host + "\r\n"
                + "Cookie: " + Csrf.COOKIE + "=" + TOKEN + "\r\nX-CSRF-Token: " + TOKEN + "\r\n" + extraHeaders
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length()
                + "\r\nConnection: close\r\n\r\n" + body, 10_000);
    }

    private static long experiments(String name) {
        return server.studio().gallery().experiments().stream().filter(e -> e.name().equals(name)).count();
    }

    @Test
    void onlyLocalNamesAreAnswered() throws Exception {
        String own = "127.0.0.1:" + server.port();
        for (String host : List.of(own, "localhost:" + server.port(), "LocalHost.:" + server.port(), "[::1]:" + server.port())) {
            assertEquals(200, get(host).status(), host);
        }
        for (String host : List.of("evil.example", "evil.example:" + server.port(), "localhost.evil.example",
                "127.0.0.1.evil.example:" + server.port(), "192.0.2.99")) {
            RawHttp.Reply r = get(host);
            assertEquals(403, r.status(), host);
            assertTrue(r.body().contains("answers only to localhost"), r.body());
        }
    }

    @Test
    void aRebindingPageCannotChangeAnything() throws Exception {
        // After DNS rebinding the attacker's page and its Origin both say evil.example: only the Host check sees it.
        String evil = "evil.example:" + server.port();
        RawHttp.Reply r = create("rebound", evil, "Origin: http://" + evil + "\r\n");
        assertEquals(403, r.status(), r.toString());
        assertEquals(0, experiments("rebound"));
    }

    @Test
    void changesFromAnotherSiteAreRefusedEvenWithAToken() throws Exception {
        String own = "127.0.0.1:" + server.port();
        for (String headers : List.of("Origin: http://evil.example\r\n", "Origin: http://localhost:9999\r\n",
                "Origin: http://127.0.0.1:" + server.port() + ".evil.example\r\n", "Origin: null\r\n",
                "Referer: http://evil.example/page\r\n", "Sec-Fetch-Site: cross-site\r\n", "Sec-Fetch-Site: same-site\r\n")) {
            RawHttp.Reply r = create("forged", own, headers);
            assertEquals(403, r.status(), headers + r);
        }
        assertEquals(0, experiments("forged"));
    }

    @Test
    void ourOwnPagesAndPlainClientsWithTheTokenMayChange() throws Exception {
        String own = "127.0.0.1:" + server.port();
        assertEquals(303, create("from-own-page", own, "Origin: http://" + own + "\r\nSec-Fetch-Site: same-origin\r\n").status());
        assertEquals(303, create("from-own-referer", own, "Referer: http://" + own + "/experiments\r\n").status());
        assertEquals(303, create("from-curl", own, "").status(), "no Origin, no Referer: not a browser page; the token decides");
        assertEquals(1, experiments("from-own-page"));
        assertEquals(1, experiments("from-own-referer"));
        assertEquals(1, experiments("from-curl"));
    }
}
