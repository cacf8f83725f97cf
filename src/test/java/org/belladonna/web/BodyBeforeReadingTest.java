package org.belladonna.web;

import org.belladonna.testing.ByteMeter;
import org.belladonna.testing.RawHttp;
import org.belladonna.testing.ServerPerClass;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Refusals cost nothing: the form token, the declared size and the part count are checked before (or while)
 * the body is read, and a refused body is not drained. "Bytes read" is the server's own count of what Jetty
 * took from the socket ({@link ByteMeter}), read when the connection closes; kernel buffers do not count.
 */
class BodyBeforeReadingTest {
    static final long MB = 1 << 20;
    static final String TOKEN = "k".repeat(43);
    static final Map<String, String> COOKIE_ONLY = Map.of("Cookie", Csrf.COOKIE + "=" + TOKEN);
    static final Map<String, String> WITH_TOKEN = Map.of("Cookie", Csrf.COOKIE + "=" + TOKEN, "X-CSRF-Token", TOKEN);

    @RegisterExtension
    static final ServerPerClass server = new ServerPerClass();
    private static ByteMeter meter;

    @BeforeAll
    static void start() {
        meter = ByteMeter.attach(server.javalin());
    }

    /** Measures each test's own connections only: the last test's must have closed first (bounded wait). */
    @BeforeEach
    void resetMeter() throws InterruptedException {
        RawHttp.await(() -> meter.active() == 0, 10_000);
        meter.reset();
    }

    private static RawHttp.Reply post(String path, Map<String, String> headers, RawHttp.Multipart body, boolean chunked) throws Exception {
        RawHttp.Reply r = RawHttp.post(server.port(), path, headers, body, chunked, 60_000);
        RawHttp.await(() -> meter.closedConnections() >= 1, 10_000);
        return r;
    }

    private static long leftovers() throws Exception {
        long n = 0;
        for (Path dir : new Path[]{server.dataDir().resolve("incoming"), server.dataDir().resolve("tmp").resolve("multipart")}) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    n += s.count();
                }
            }
        }
        return n;
    }

    @Test
    void aTokenless200MbUploadIsRefusedBeforeTenMegabytesAreRead() throws Exception {
        for (boolean chunked : new boolean[]{false, true}) {
            resetMeter();
            RawHttp.Multipart body = new RawHttp.Multipart(Map.of("name", "x"), "archive", "big.zip", 200 * MB);
            RawHttp.Reply r = post("/experiments/import", COOKIE_ONLY, body, chunked);
            long read = meter.bytesIn();
            System.out.printf("tokenless 200 MiB upload (chunked=%s): status %d, server read %,d bytes, client wrote %,d%n",
                    chunked, r.status(), read, r.clientBytesWritten());
            assertEquals(403, r.status(), r.toString());
            assertTrue(r.body().contains("did not come from Belladonna"), r.body());
            assertEquals("close", r.headers().get("connection"));
            assertEquals(1, meter.closedConnections());
            assertTrue(read < 10 * MB, "the server read " + read + " bytes");
            assertEquals(0, leftovers(), "nothing spooled or stored");
        }
    }

    @Test
    void theRefusalNeedsNoBodyAtAll() throws Exception {
        // The client sends 64 KiB and then nothing: a server that needed the body could not answer.
        RawHttp.Multipart body = new RawHttp.Multipart(Map.of(), "archive", "big.zip", 200 * MB).withheldAfter(64 << 10);
        RawHttp.Reply r = post("/experiments/import", COOKIE_ONLY, body, false);
        assertEquals(403, r.status(), r.toString());
        assertTrue(meter.bytesIn() <= (64 << 10) + 4096, "read " + meter.bytesIn());
    }

    @Test
    void aDeclaredSizeOverTheLimitIs413AtOnce() throws Exception {
        RawHttp.Multipart body = new RawHttp.Multipart(Map.of(), "archive", "huge.zip", 1200 * MB);
        RawHttp.Reply r = post("/experiments/import", WITH_TOKEN, body, false);
        long read = meter.bytesIn();
        System.out.printf("Content-Length 1.2 GB with a token: status %d, server read %,d bytes%n", r.status(), read);
        assertEquals(413, r.status(), r.toString());
        assertTrue(r.body().contains("this address takes at most 1024 MiB"), r.body());
        assertTrue(read < 10 * MB, "read " + read);
        // The same for a form address: 1 MiB.
        resetMeter();
        byte[] big = ("name=" + "x".repeat(2 << 20)).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        // The body is written by a second thread while the answer is read, as a browser does: the server
        // answers before it has the body and closes, so a writer that had to finish first would break.
        RawHttp.Reply form = RawHttp.postGenerated(server.port(), "/experiments", WITH_TOKEN,
                "application/x-www-form-urlencoded", big.length, out -> out.write(big), 30_000);
        assertEquals(413, form.status(), form.toString());
        assertEquals(0, leftovers());
    }

    @Test
    void aChunkedBodyIsCutOffAtTheLimit() throws Exception {
        long experiment = server.studio().gallery().createExperiment("chunked", "", "");
        RawHttp.Multipart body = new RawHttp.Multipart(Map.of(), "csv", "huge.csv", 40 * MB);
        RawHttp.Reply r = post("/experiments/" + experiment + "/scores/import", WITH_TOKEN, body, true);
        long read = meter.bytesIn();
        System.out.printf("chunked 40 MiB score CSV (limit 32 MiB + 64 KiB): status %d, server read %,d bytes%n", r.status(), read);
        assertEquals(413, r.status(), r.toString());
        assertTrue(read < 34 * MB, "read " + read);
        assertEquals(0, server.studio().scoring().modelCount(experiment));
    }

    @Test
    void tooManyPartsIs413() throws Exception {
        RawHttp.Reply r = post("/experiments/import", WITH_TOKEN, RawHttp.Multipart.manyFields(1001), false);
        assertEquals(413, r.status(), r.toString());
        assertTrue(r.body().contains("more than 16 parts"), r.body());
        resetMeter();
        RawHttp.Reply protect = post("/protect", WITH_TOKEN, RawHttp.Multipart.manyFields(1001), false);
        assertEquals(413, protect.status(), protect.toString());
        assertTrue(protect.body().contains("more than 200 parts"), protect.body());
        assertEquals(0, leftovers());
    }

    @Test
    void multipartWhereNoUploadIsTakenIs415() throws Exception {
        RawHttp.Reply r = post("/experiments", WITH_TOKEN, new RawHttp.Multipart(Map.of("name", "multi"), "f", "a.bin", 1000), false);
        assertEquals(415, r.status(), r.toString());
        assertEquals(0, server.studio().gallery().experiments().stream().filter(e -> e.name().equals("multi")).count());
    }

    @Test
    void anUploadWithTheTokenIsReadOnceIntoItsPlace() throws Exception {
        // Not a ZIP: refused after it arrived, and the one copy that was written is gone again.
        RawHttp.Multipart body = new RawHttp.Multipart(Map.of("name", "n"), "archive", "a.zip", 20 * MB);
        RawHttp.Reply r = post("/experiments/import", WITH_TOKEN, body, false);
        assertEquals(400, r.status(), r.toString());
        long read = meter.bytesIn();
        assertTrue(read >= body.length() && read < body.length() + 64 * 1024, "read " + read + " for a body of " + body.length());
        assertEquals(0, leftovers());
    }
}
