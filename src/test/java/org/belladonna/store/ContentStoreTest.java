package org.belladonna.store;

import org.belladonna.app.Studio;
import org.belladonna.models.ModelRegistry;
import org.belladonna.testing.S3rver;
import org.belladonna.testing.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One contract for both image stores: the directory and an S3-compatible bucket (a real s3rver, started
 * here), under the same content addresses; the bucket chosen the way {@code --store} chooses it; and a
 * studio whose images live only in the bucket.
 */
class ContentStoreTest {
    @TempDir
    static Path tmp;
    private static S3rver server;

    @BeforeAll
    static void startS3() throws IOException {
        try {
            server = S3rver.start(Files.createDirectories(tmp.resolve("s3rver")));
        } catch (org.opentest4j.TestAbortedException e) {
            server = null; // the S3 tests skip themselves with the same message
        }
    }

    @AfterAll
    static void stopS3() {
        if (server != null) {
            server.close();
        }
    }

    private static S3ContentStore s3(String prefix) throws IOException {
        if (server == null) {
            S3rver.start(tmp.resolve("unused")); // skips with the reason
        }
        return (S3ContentStore) ContentStores.open("s3://" + S3rver.BUCKET + "/" + prefix, tmp, env());
    }

    private static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put(ContentStores.ENDPOINT_ENV, server.endpoint().toString());
        env.put("AWS_ACCESS_KEY_ID", S3rver.KEY);
        env.put("AWS_SECRET_ACCESS_KEY", S3rver.SECRET);
        return env;
    }

    @Test
    void directoryKeepsTheContract() throws Exception {
        contract(new DirectoryContentStore(tmp.resolve("dir-contract")));
    }

    @Test
    void s3KeepsTheContract() throws Exception {
        try (S3ContentStore store = s3("contract")) {
            contract(store);
        }
    }

    /** Same bytes, same address, stored once; byte-exact reads; missing is NoSuchFile; no path through a hash. */
    private static void contract(ContentStore store) throws Exception {
        byte[] a = TestImages.png(96, 64, 1);
        byte[] big = new byte[3 << 20]; // over any single-chunk size a client might pick
        new java.util.Random(7).nextBytes(big);
        String ha = store.put(a);
        assertEquals(ImageStore.sha256(a), ha);
        assertEquals(ha, store.put(a));
        String hb = store.put(big);
        assertArrayEquals(a, store.read(ha));
        assertArrayEquals(big, store.read(hb));
        assertTrue(store.contains(ha));
        String absent = ImageStore.sha256(new byte[]{1, 2, 3});
        assertFalse(store.contains(absent));
        assertThrows(NoSuchFileException.class, () -> store.read(absent));
        assertThrows(IllegalArgumentException.class, () -> store.read("../../etc/passwd"));
        assertFalse(store.contains("../../etc/passwd"));

        List<ContentStore.Entry> listed = new ArrayList<>();
        store.list(listed::add);
        assertEquals(Set.of(ha, hb), listed.stream().map(ContentStore.Entry::hash).collect(java.util.stream.Collectors.toSet()));
        assertEquals(big.length, listed.stream().filter(e -> e.hash().equals(hb)).findFirst().orElseThrow().size());
        assertTrue(listed.stream().allMatch(e -> e.lastModified().isAfter(Instant.now().minus(Duration.ofHours(1)))));

        // Concurrent puts of the same bytes (two hosts storing one upload) all get the address, once.
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> puts = new ArrayList<>();
            byte[] c = TestImages.png(128, 128, 3);
            for (int i = 0; i < 8; i++) {
                puts.add(pool.submit(() -> store.put(c)));
            }
            for (Future<String> f : puts) {
                assertEquals(ImageStore.sha256(c), f.get());
            }
            assertArrayEquals(c, store.read(ImageStore.sha256(c)));
        } finally {
            pool.shutdownNow();
        }

        assertTrue(store.delete(ha));
        assertFalse(store.delete(ha));
        assertFalse(store.contains(ha));
    }

    @Test
    void aCorruptedDirectoryObjectIsRefusedOnRead() throws Exception {
        Path root = tmp.resolve("dir-corrupt");
        DirectoryContentStore store = new DirectoryContentStore(root);
        String hash = store.put(TestImages.png(64, 64, 4));
        Files.write(root.resolve(ContentStore.key(hash)), new byte[]{1, 2, 3});
        IOException e = assertThrows(IOException.class, () -> store.read(hash));
        assertTrue(e.getMessage().contains("does not match its address"), e.getMessage());
    }

    @Test
    void aCorruptedS3ObjectIsRefusedOnRead() throws Exception {
        try (S3ContentStore store = s3("corrupt")) {
            String hash = store.put(TestImages.png(64, 64, 5));
            // Overwrite the object behind the store's back, with another client.
            try (S3Client raw = S3Client.builder().region(Region.US_EAST_1).endpointOverride(server.endpoint()).forcePathStyle(true)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(S3rver.KEY, S3rver.SECRET)))
                    .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                    .serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder().chunkedEncodingEnabled(false).build())
                    .build()) {
                raw.putObject(r -> r.bucket(S3rver.BUCKET).key("corrupt/" + ContentStore.key(hash)), RequestBody.fromBytes(new byte[]{9}));
            }
            IOException e = assertThrows(IOException.class, () -> store.read(hash));
            assertTrue(e.getMessage().contains("does not match its address"), e.getMessage());
        }
    }

    @Test
    void strayObjectsGoAfterTheGraceAndLiveOnesStay() throws Exception {
        Path root = tmp.resolve("dir-gc");
        ImageStore images = new ImageStore(new DirectoryContentStore(root), tmp.resolve("thumbs-gc"));
        String live = images.put(TestImages.png(64, 64, 6));
        String stray = images.put(TestImages.png(64, 64, 7));
        String young = images.put(TestImages.png(64, 64, 8));
        FileTime old = FileTime.from(Instant.now().minus(Duration.ofHours(2)));
        Files.setLastModifiedTime(root.resolve(ContentStore.key(live)), old);
        Files.setLastModifiedTime(root.resolve(ContentStore.key(stray)), old);
        Path leftover = root.resolve("images/ab/.incoming-1.tmp");
        Files.createDirectories(leftover.getParent());
        Files.write(leftover, new byte[]{1});
        Files.setLastModifiedTime(leftover, old);
        images.thumbnail(stray, 160);

        assertEquals(2, images.deleteStrays(Set.of(live), Duration.ofHours(1)));
        assertTrue(images.contains(live));
        assertFalse(images.contains(stray));
        assertTrue(images.contains(young), "younger than the grace: perhaps a row on its way");
        assertFalse(Files.exists(leftover));
        assertFalse(Files.exists(tmp.resolve("thumbs-gc/160").resolve(stray.substring(0, 2)).resolve(stray + ".jpg")));
    }

    @Test
    void strayObjectsGoFromTheBucketToo() throws Exception {
        try (S3ContentStore bucket = s3("gc")) {
            ImageStore images = new ImageStore(bucket, tmp.resolve("thumbs-s3-gc"));
            String live = images.put(TestImages.png(64, 64, 10));
            String stray = images.put(TestImages.png(64, 64, 11));
            assertEquals(0, images.deleteStrays(Set.of(live), Duration.ofHours(1)), "younger than the grace");
            // A zero grace: everything stored before now that no row names goes (S3 times are whole seconds, never later).
            assertEquals(1, images.deleteStrays(Set.of(live), Duration.ZERO));
            assertTrue(images.contains(live));
            assertFalse(images.contains(stray));
        }
    }

    @Test
    void storeSettingsAreCheckedInOneLine() {
        assertTrue(ContentStores.open(null, tmp.resolve("default"), Map.of()) instanceof DirectoryContentStore);
        assertEquals(tmp.resolve("shared").toString(), ContentStores.open(tmp.resolve("shared").toString(), tmp, Map.of()).describe());
        assertEquals(tmp.resolve("f").toString(), ContentStores.open(tmp.resolve("f").toUri().toString(), tmp, Map.of()).describe());
        for (String bad : List.of("ftp://host/x", "s3://", "s3://Bad_Bucket/x", "s3://bucket?x=1")) {
            assertThrows(IllegalArgumentException.class, () -> ContentStores.open(bad, tmp, Map.of()), bad);
        }
        assertThrows(IllegalArgumentException.class,
                () -> ContentStores.open("s3://bucket/p", tmp, Map.of(ContentStores.ENDPOINT_ENV, "minio:9000")));
        assertThrows(IllegalArgumentException.class,
                () -> ContentStores.open("s3://bucket/p", tmp, Map.of("AWS_ACCESS_KEY_ID", "x")));
        S3ContentStore.Config c = ContentStores.s3("s3://my-bucket/studio/a/", Map.of());
        assertEquals("my-bucket", c.bucket());
        assertEquals("studio/a", c.prefix());
        assertEquals("us-east-1", c.region());
    }

    /** A studio whose images live only in the bucket: intake, reads, thumbnails and garbage collection. */
    @Test
    void aStudioKeepsItsImagesInTheBucket() throws Exception {
        try (S3ContentStore bucket = s3("studio")) {
            Path data = tmp.resolve("studio-data");
            Studio studio = Studio.open(data, new ModelRegistry(data.resolve("models")), bucket);
            byte[] png = TestImages.png(80, 64, 9);
            var stored = studio.intake().accept(png);
            studio.store().write(h -> {
                ImageIntake.register(h, stored);
                return null;
            });
            assertTrue(bucket.contains(stored.hash()));
            assertFalse(Files.exists(data.resolve(ContentStore.key(stored.hash()))), "nothing in the data directory");
            assertArrayEquals(png, studio.store().files().read(stored.hash()));
            assertTrue(Files.size(studio.store().files().thumbnail(stored.hash(), 160)) > 0);
            // A row no longer refers to it: collected from the bucket (the row goes at once, the file with it).
            assertEquals(1, studio.store().collectGarbage());
            assertFalse(bucket.contains(stored.hash()));
        }
    }
}
