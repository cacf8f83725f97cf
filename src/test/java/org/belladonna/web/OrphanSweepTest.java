package org.belladonna.web;

import org.belladonna.app.Studio;
import org.belladonna.cli.CliRunner;
import org.belladonna.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a killed server leaves (a partial upload in data/incoming, a spool file in data/tmp/multipart) is
 * swept by the next start and by {@code gc}; an upload a queued import job still needs is kept.
 */
class OrphanSweepTest {
    @TempDir
    Path data;

    private Path leftover(String dir, String name) throws Exception {
        Path file = Files.createDirectories(data.resolve(dir)).resolve(name);
        Files.write(file, new byte[4096]);
        return file;
    }

    @Test
    void aRestartSweepsPartialUploadsAndSpoolFiles() throws Exception {
        Path partial = leftover("incoming", "upload-123.zip");
        Path spool = leftover("tmp/multipart", "MultiPart456");
        try (TestServer server = TestServer.start(data, WebServer.Options.defaults())) {
            assertFalse(Files.exists(partial));
            assertFalse(Files.exists(spool));
            assertEquals(200, java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(server.url("/health"))).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode());
        }
    }

    @Test
    void anUploadAQueuedJobNeedsIsKept() throws Exception {
        Studio studio = Studio.open(data, data.resolve("models"));
        Path queued = studio.importer().newUpload();
        Files.write(queued, new byte[100]);
        studio.importer().submitUpload(queued, "queued.zip", null, "later", null); // queued; no worker runs here
        Path stray = leftover("incoming", "upload-stray.zip");
        var swept = studio.sweepUploads(Duration.ZERO);
        assertEquals(1, swept.files());
        assertEquals(4096, swept.bytes());
        assertTrue(Files.exists(queued));
        assertFalse(Files.exists(stray));
    }

    @Test
    void gcSweepsOnlyWhatNobodyTouchedForAnHour() throws Exception {
        Path old = leftover("incoming", "upload-old.zip");
        Path oldSpool = leftover("tmp/multipart", "MultiPart-old");
        Path fresh = leftover("incoming", "upload-being-written.zip");
        FileTime twoHoursAgo = FileTime.from(Instant.now().minus(Duration.ofHours(2)));
        Files.setLastModifiedTime(old, twoHoursAgo);
        Files.setLastModifiedTime(oldSpool, twoHoursAgo);
        CliRunner.Result r = CliRunner.run("gc", "--data", data.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("2 leftover uploads (8192 bytes)"), r.out());
        assertFalse(Files.exists(old));
        assertFalse(Files.exists(oldSpool));
        assertTrue(Files.exists(fresh), "an upload in progress (a live server's) is left alone");
    }
}
