package org.belladonna.cli;

import org.belladonna.store.ContentStore;
import org.belladonna.store.DirectoryContentStore;
import org.belladonna.testing.TestImages;
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

/** {@code --store}: every command that opens the studio uses the image store it names; a bad one is one line. */
class StoreOptionTest {
    @TempDir
    Path dir;

    @Test
    void gcSweepsTheNamedStoreNotTheDataDirectory() throws Exception {
        Path shared = dir.resolve("shared");
        String stray = new DirectoryContentStore(shared).put(TestImages.png(64, 64, 1));
        Path file = shared.resolve(ContentStore.key(stray));
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofHours(2))));

        CliTest.Run r = CliTest.run("gc", "--data", dir.resolve("data").toString(), "--store", shared.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Deleted 1 unused file"), r.out());
        assertFalse(Files.exists(file));
        assertFalse(Files.exists(dir.resolve("data").resolve(ContentStore.key(stray))));
    }

    @Test
    void aStoreThatIsNeitherADirectoryNorABucketIsRefused() {
        CliTest.Run r = CliTest.run("gc", "--data", dir.resolve("data").toString(), "--store", "ftp://example.org/images");
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().contains("--store: the image store must be a directory or s3://bucket/prefix"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }
}
