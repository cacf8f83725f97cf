package org.belladonna.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Deletes what a killed server leaves behind: partial or never-queued uploads in {@code data/incoming/}
 * and spool files under {@code data/tmp/} (Jetty's multipart location). Uploads that a queued or running
 * import job still needs are kept. At start-up, before the server takes requests, nothing else there can be
 * in use, so no minimum age; {@code gc} may run beside a live server and passes one, so an upload being
 * written right now is left alone.
 */
public final class UploadSweeper {
    private UploadSweeper() {
    }

    /** What was deleted. */
    public record Swept(int files, long bytes) {
    }

    static Swept sweep(Path dataDir, Set<Path> keep, Duration minimumAge) {
        Instant cutoff = Instant.now().minus(minimumAge);
        int files = 0;
        long bytes = 0;
        for (Path dir : new Path[]{dataDir.resolve("incoming"), dataDir.resolve("tmp").resolve("multipart")}) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (DirectoryStream<Path> list = Files.newDirectoryStream(dir)) {
                for (Path f : list) {
                    if (!Files.isRegularFile(f) || keep.contains(f.toAbsolutePath().normalize())
                            || Files.getLastModifiedTime(f).toInstant().isAfter(cutoff)) {
                        continue;
                    }
                    long size = Files.size(f);
                    if (Files.deleteIfExists(f)) {
                        files++;
                        bytes += size;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot sweep " + dir, e);
            }
        }
        return new Swept(files, bytes);
    }
}
