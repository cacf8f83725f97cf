package org.belladonna.store;

import org.belladonna.gallery.Gallery;
import org.belladonna.gallery.Gallery.NewImage;
import org.belladonna.images.BadImageException;
import org.belladonna.store.ImageIntake;
import org.belladonna.testing.Rows;
import org.belladonna.testing.TestDatabase;
import org.belladonna.testing.TestImages;
import org.belladonna.testing.Waits;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The store on both databases (SQLite-only behaviour, the file's pragmas and integrity check, is in DatabaseTest). */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class StoreTest {
    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    @Test
    void reopeningKeepsData() {
        Store first = database.open(dir);
        long id = first.write(h -> Experiments.create(h, "kept", "", ""));
        Store second = database.open(dir);
        assertEquals("kept", second.read(h -> Experiments.find(h, id)).orElseThrow().name());
    }

    @Test
    void dataDirThatCannotBeCreatedIsReportedInOneLine() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        StoreException e = assertThrows(StoreException.class, () -> database.open(file.resolve("data")));
        assertTrue(e.getMessage().startsWith("cannot create the data directory"), e.getMessage());
    }

    @Test
    void filesAreContentAddressedAndWrittenOnce() throws Exception {
        ImageStore files = database.open(dir).files();
        byte[] png = TestImages.png(32, 32, 1);
        String hash = files.put(png);
        assertEquals(ImageStore.sha256(png), hash);
        assertEquals(hash, files.put(png));
        assertArrayEquals(png, files.read(hash));
        assertArrayEquals(png, Files.readAllBytes(dir.resolve("images").resolve(hash.substring(0, 2)).resolve(hash)),
                "the directory layout: images/ab/<sha256>");
        try (Stream<Path> leftovers = Files.walk(dir.resolve("images"))) {
            assertEquals(0, leftovers.filter(p -> p.getFileName().toString().startsWith(".incoming")).count());
        }
    }

    @Test
    void readRefusesAnythingButAHash() {
        ImageStore files = database.open(dir).files();
        assertThrows(IllegalArgumentException.class, () -> files.read("../../etc/passwd"));
        assertThrows(IllegalArgumentException.class, () -> files.read("A".repeat(64)));
        assertThrows(IllegalArgumentException.class, () -> files.thumbnail("../../etc/passwd", 160));
    }

    @Test
    void thumbnailsAreMadeOnceAndCached() throws Exception {
        ImageStore files = database.open(dir).files();
        String hash = files.put(TestImages.png(400, 200, 2));
        Path thumb = files.thumbnail(hash, 160);
        var image = javax.imageio.ImageIO.read(thumb.toFile());
        assertEquals(160, image.getWidth());
        assertEquals(80, image.getHeight());
        var modified = Files.getLastModifiedTime(thumb);
        Thread.sleep(20);
        assertEquals(thumb, files.thumbnail(hash, 160));
        assertEquals(modified, Files.getLastModifiedTime(thumb));
    }

    @Test
    void deletingAnExperimentRemovesItsRowsAndOrphanFilesButKeepsSharedOnes() throws Exception {
        Store store = database.open(dir);
        Gallery gallery = new Gallery(store, new ImageIntake(store));
        byte[] shared = TestImages.png(32, 32, 10);
        byte[] only = TestImages.png(32, 32, 11);
        long a = gallery.createExperiment("a", "", "");
        long b = gallery.createExperiment("b", "", "");
        gallery.addImages(a, List.of(image("p", "before", shared), image("p", "after", only)));
        gallery.addImages(b, List.of(image("q", "before", shared)));
        long imageId = store.read(h -> h.createQuery("SELECT id FROM image LIMIT 1").mapTo(Long.class).one());
        store.write(h -> {
            Scores.put(h, imageId, "nima", "pin", 5.0, 1.0, null, false);
            return null;
        });

        assertTrue(gallery.deleteExperiment(a));

        assertEquals(0, (int) store.read(h -> h.createQuery("SELECT count(*) FROM prompt WHERE experiment_id = ?").bind(0, a).mapTo(Integer.class).one()));
        assertEquals(0, Rows.count(store, "score"));
        assertTrue(store.files().contains(ImageStore.sha256(shared)), "file still used by b must stay");
        assertFalse(store.files().contains(ImageStore.sha256(only)), "file used only by a must go");
        assertEquals(1, Rows.count(store, "image_file"));
    }

    @Test
    void aBadImageInABatchStoresNoRows() {
        Store store = database.open(dir);
        Gallery gallery = new Gallery(store, new ImageIntake(store));
        long id = gallery.createExperiment("e", "", "");
        assertThrows(BadImageException.class, () -> gallery.addImages(id, List.of(
                image("p", "before", TestImages.png(32, 32, 1)), image("p", "after", "not an image".getBytes()))));
        assertEquals(0, Rows.count(store, "image"));
        assertEquals(0, Rows.count(store, "prompt"));
    }

    @Test
    void addingTheSameImagesAgainAddsNothing() throws Exception {
        Store store = database.open(dir);
        Gallery gallery = new Gallery(store, new ImageIntake(store));
        long id = gallery.createExperiment("e", "", "");
        List<NewImage> images = List.of(image("p", "before", TestImages.png(32, 32, 1)), image("p", "after", TestImages.png(32, 32, 2)));
        assertEquals(2, gallery.addImages(id, images));
        assertEquals(0, gallery.addImages(id, images));
    }

    /**
     * Two imports adding the same prompt at once: the second waits for the first (SQLite: the write lock;
     * PostgreSQL: the experiment's row lock, then ON CONFLICT) and gets the prompt the first made, and a new
     * prompt after it takes the next position.
     */
    @Test
    void aPromptAddedByTwoTransactionsAtOnceIsMadeOnce() throws Exception {
        Store store = database.open(dir);
        long experiment = store.write(h -> Experiments.create(h, "e", "", ""));
        CountDownLatch firstInserted = new CountDownLatch(1);
        CountDownLatch secondWaiting = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Long> first = threads.submit(() -> store.write(h -> {
                long id = Prompts.ensure(h, experiment, "water lilies", true);
                firstInserted.countDown();
                assertTrue(secondWaiting.await(Waits.SHORT.toSeconds(), TimeUnit.SECONDS), "the second transaction never started");
                return id;
            }));
            assertTrue(firstInserted.await(Waits.SHORT.toSeconds(), TimeUnit.SECONDS));
            Future<long[]> second = threads.submit(() -> store.write(h -> new long[] {
                    Prompts.ensure(h, experiment, "water lilies", null), Prompts.ensure(h, experiment, "a dog", false)}));
            if (database == TestDatabase.POSTGRESQL) { // make sure it is blocked behind the first, not yet to start
                Awaitility.await("the second transaction waiting for a lock").atMost(Waits.SHORT).pollInterval(Waits.POLL)
                        .until(() -> store.read(h -> h.createQuery("SELECT count(*) FROM pg_stat_activity "
                                + "WHERE datname = current_database() AND wait_event_type = 'Lock'").mapTo(Integer.class).one()) > 0);
            }
            secondWaiting.countDown();
            long made = first.get(Waits.SHORT.toSeconds(), TimeUnit.SECONDS);
            long[] got = second.get(Waits.SHORT.toSeconds(), TimeUnit.SECONDS);
            assertEquals(made, got[0]);
            List<Records.Prompt> prompts = store.read(h -> Prompts.list(h, experiment));
            assertEquals(List.of("water lilies", "a dog"), prompts.stream().map(Records.Prompt::text).toList());
            assertEquals(List.of(0, 1), prompts.stream().map(Records.Prompt::position).toList());
            assertTrue(prompts.get(0).related(), "the mark given first is kept when the second gives none");
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aBuiltInConceptAddedTwiceIsKeptOnce() {
        Store store = database.open(dir);
        assertTrue(store.write(h -> Concepts.insertIfAbsent(h, "cubism", "Cubism", "", true)).isPresent());
        assertTrue(store.write(h -> Concepts.insertIfAbsent(h, "cubism", "Cubism again", "", true)).isEmpty());
        assertEquals(List.of("Cubism"), store.read(h -> Concepts.all(h)).stream().map(Records.Concept::name).toList());
    }

    private static NewImage image(String prompt, String variant, byte[] bytes) {
        return new NewImage(prompt, true, variant, 1L, prompt + ".png", "{}", bytes);
    }
}
