package org.belladonna.archive;

import org.belladonna.jobs.BackgroundJobs;
import org.belladonna.progress.Progress;
import org.belladonna.testing.StudyFiles;
import org.belladonna.app.Studio;
import org.belladonna.testing.RawZip;
import org.belladonna.testing.RawZip.Entry;
import org.belladonna.testing.Rows;
import org.belladonna.testing.TestImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.Deflater;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hostile archives and folders are refused whole, with a message that says why, and nothing is stored. */
class HostileImportTest {
    private static final byte[] PNG = TestImages.png(16, 16, 3);

    @TempDir
    Path tmp;
    private Studio studio;

    @BeforeEach
    void open() {
        studio = Studio.open(tmp.resolve("data"), tmp.resolve("models"));
    }

    private void assertRefused(Path source, ArchiveLimits limits, String expected) throws Exception {
        Importer importer = new Importer(studio.store(), studio.intake().decoder(), limits, new BackgroundJobs(studio.store()));
        // The built-in concept's anchors are stored when the studio opens; nothing else may appear.
        java.util.Map<String, Integer> before = new java.util.HashMap<>();
        for (String table : List.of("experiment", "prompt", "image", "image_file", "score")) {
            before.put(table, Rows.count(studio.store(), table));
        }
        long filesBefore = storedFiles();
        ImportRefusedException e = assertThrows(ImportRefusedException.class,
                () -> importer.run(source, Importer.Target.fromSource(), Progress.NONE));
        assertTrue(e.getMessage().startsWith("Nothing was imported: "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        for (String table : List.of("experiment", "prompt", "image", "image_file", "score")) {
            assertEquals(before.get(table), Rows.count(studio.store(), table), table);
        }
        assertEquals(0, before.get("image"), "the fixture starts without experiment images");
        assertEquals(filesBefore, storedFiles(), "no image file stored");
    }

    private long storedFiles() throws java.io.IOException {
        try (Stream<Path> files = Files.walk(studio.store().dataDir().resolve("images"))) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    private Path zip(String name, Entry... entries) throws Exception {
        List<Entry> all = Stream.concat(Stream.of(Entry.file("ok/before/1.png", PNG)), Stream.of(entries)).toList();
        return Files.write(tmp.resolve(name), RawZip.write(all));
    }

    @Test
    void pathTraversal() throws Exception {
        assertRefused(zip("t.zip", Entry.file("../evil.png", PNG)), ArchiveLimits.DEFAULT,
                "'../evil.png' points outside the archive (..)");
    }

    @Test
    void absolutePath() throws Exception {
        assertRefused(zip("a.zip", Entry.file("/tmp/evil.png", PNG)), ArchiveLimits.DEFAULT, "'/tmp/evil.png' is an absolute path");
    }

    @Test
    void symlinkEntry() throws Exception {
        assertRefused(zip("s.zip", Entry.symlink("ok/after/1.png", "/etc/passwd")), ArchiveLimits.DEFAULT,
                "'ok/after/1.png' is a symbolic link");
    }

    @Test
    void declaredTenGigabytes() throws Exception {
        Entry big = new Entry("ok/after/big.png", PNG, RawZip.STORED, 10L * 1024 * 1024 * 1024, RawZip.crc(PNG), 0100644);
        assertRefused(zip("big.zip", big), ArchiveLimits.DEFAULT, "'ok/after/big.png' declares 10.0 GiB, over the limit of 256.0 MiB per file");
    }

    @Test
    void entryInflatingPastItsDeclaredSize() throws Exception {
        byte[] zeros = new byte[4 << 20];
        Deflater d = new Deflater(9, true);
        d.setInput(zeros);
        d.finish();
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (!d.finished()) {
            packed.write(buf, 0, d.deflate(buf));
        }
        Entry bomb = new Entry("ok/after/bomb.png", packed.toByteArray(), RawZip.DEFLATED, 1000, 0, 0100644);
        assertRefused(zip("bomb.zip", bomb), ArchiveLimits.DEFAULT, "'ok/after/bomb.png' holds more bytes than it declares");
    }

    @Test
    void tooManyEntriesAndTooManyBytes() throws Exception {
        Entry[] many = new Entry[5];
        for (int i = 0; i < many.length; i++) {
            many[i] = Entry.file("ok/after/" + i + ".png", PNG);
        }
        Path zip = zip("many.zip", many);
        assertRefused(zip, new ArchiveLimits(5, 1 << 20, 1 << 20), "the archive has more than 5 entries");
        assertRefused(zip, new ArchiveLimits(100, PNG.length, PNG.length * 3L), "the archive declares more than");
    }

    @Test
    void nonImageWithAnImageName() throws Exception {
        assertRefused(zip("n.zip", Entry.file("ok/after/evil.png", "#!/bin/sh\nrm -rf /\n".getBytes())), ArchiveLimits.DEFAULT,
                "'ok/after/evil.png' is not a usable image (not a PNG, JPEG or WebP image)");
    }

    @Test
    void notAZipAtAll() throws Exception {
        assertRefused(Files.writeString(tmp.resolve("x.zip"), "hello"), ArchiveLimits.DEFAULT, "is not a readable ZIP archive");
    }

    @Test
    void symlinkInAFolder() throws Exception {
        Path dir = StudyFiles.plainFolder(tmp.resolve("study"), 1);
        Files.createSymbolicLink(dir.resolve("Haystacks/after/link.png"), Path.of("/etc/passwd"));
        assertRefused(dir, ArchiveLimits.DEFAULT, "'Haystacks/after/link.png' is a symbolic link");
    }

    @Test
    void everyBadRowOfAManifestIsNamed() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("m"));
        Files.write(dir.resolve("a.png"), PNG);
        Files.writeString(dir.resolve("manifest.csv"), "file,prompt,variant,seed\na.png,p,sideways,1\nmissing.png,p,after,x\n../a.png,p,before,\n");
        assertRefused(dir, ArchiveLimits.DEFAULT, "manifest.csv line 2: variant must be before or after, not 'sideways'; "
                + "manifest.csv line 3: the file 'missing.png' is not in the archive; manifest.csv line 3: seed must be a whole number, not 'x'; "
                + "manifest.csv line 4: '../a.png' points outside the archive (..)");
    }
}
