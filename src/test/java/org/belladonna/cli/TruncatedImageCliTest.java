package org.belladonna.cli;

import org.belladonna.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CLI's intake points (import, protect) refuse a truncated JPEG in one line, storing and writing nothing. */
class TruncatedImageCliTest {
    @TempDir
    Path dir;

    private Path truncated(Path folder, String name) throws Exception {
        byte[] jpeg = TestImages.jpeg(320, 240, 41);
        return Files.write(Files.createDirectories(folder).resolve(name), Arrays.copyOf(jpeg, jpeg.length * 2 / 3));
    }

    @Test
    void importRefusesIt() throws Exception {
        Path study = dir.resolve("study");
        Files.write(Files.createDirectories(study.resolve("p/before")).resolve("0.jpg"), TestImages.jpeg(64, 64, 42));
        truncated(study.resolve("p/after"), "0.jpg");
        CliTest.Run r = CliTest.run("import", study.toString(), "--data", dir.resolve("data").toString());
        assertEquals(Main.BAD_INPUT, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("p/after/0.jpg") && r.err().contains("damaged or truncated"), r.err());
        var store = org.belladonna.app.Studio.open(dir.resolve("data"), dir.resolve("models")).store();
        assertEquals(0, org.belladonna.testing.Rows.count(store, "image"), "no image row");
        assertEquals((int) store.read(h -> h.createQuery("SELECT count(DISTINCT hash) FROM concept_anchor").mapTo(Integer.class).one()),
                org.belladonna.testing.Rows.count(store, "image_file"), "no file but the built-in concepts' anchors");
    }

    @Test
    void protectRefusesItBeforeAnyModelWork() throws Exception {
        Path cut = truncated(dir, "cut.jpg");
        Path out = dir.resolve("out");
        CliTest.Run r = CliTest.run("protect", cut.toString(), "--concept", "cubism", "--out", out.toString(),
                "--models", dir.resolve("no-models").toString());
        assertEquals(Main.BAD_INPUT, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("cut.jpg: the jpeg file is damaged or truncated"), r.err());
        assertFalse(Files.exists(out), "nothing written");
    }
}
