package org.belladonna.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code protect} checks what each input is before reading it: a file over the size limit is refused with
 * the limit (a sparse 3 GiB file here: reading it whole would end in an OutOfMemoryError), and a FIFO, a
 * device or a folder is named as what it is.
 */
class ProtectInputsTest {
    @TempDir
    Path dir;

    private CliTest.Run protect(Path input) {
        return CliTest.run("protect", input.toString(), "--concept", "cubism", "--out", dir.resolve("out").toString(),
                "--models", dir.resolve("models").toString());
    }

    private static void oneLine(CliTest.Run r, String expected) {
        assertEquals(Main.BAD_INPUT, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("belladonna protect: ") && r.err().contains(expected), r.err());
    }

    @Test
    void aFileOverTheLimitIsRefusedBeforeItIsRead() throws Exception {
        Path big = dir.resolve("huge.png");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(3L << 30); // sparse: no disk used
        }
        oneLine(protect(big), "huge.png is 3.0 GiB; images up to 256 MiB are accepted");
    }

    @Test
    void specialFilesAreNamedAsSuch() throws Exception {
        oneLine(protect(Path.of("/dev/zero")), "/dev/zero is a character device (like /dev/zero), not a regular file");
        oneLine(protect(dir.resolve("missing.png")), "missing.png: no such file");
        Path link = Files.createSymbolicLink(dir.resolve("dangling.png"), dir.resolve("nowhere.png"));
        oneLine(protect(link), "dangling.png is a link to something that does not exist");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        oneLine(protect(empty), "holds no PNG, JPEG or WebP files");

        Path fifo = dir.resolve("pipe.png");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (java.io.IOException e) {
            Assumptions.abort("mkfifo is not available here");
            return;
        }
        Assumptions.assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo failed");
        // Nobody writes to the pipe: reading it would block, so the run is bounded (a guard against a hang,
        // generous on purpose; not a measure of speed).
        CliTest.Run r = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofMinutes(2), () -> protect(fifo));
        oneLine(r, "pipe.png is a named pipe (FIFO), not a regular file");
    }
}
