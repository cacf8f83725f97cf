package org.belladonna.store;

import net.coobird.thumbnailator.Thumbnails;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Content-addressed image files, in a {@link ContentStore} (the data directory by default, or a shared
 * directory or S3 bucket that several hosts use), with thumbnails cached on this host only: made once per
 * size from the stored bytes, under {@code thumbs/<size>/}.
 */
public final class ImageStore {
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    private final ContentStore content;
    private final Path thumbs;

    /** Over {@code content}, caching thumbnails in {@code thumbs} (a local directory). */
    public ImageStore(ContentStore content, Path thumbs) {
        this.content = content;
        this.thumbs = thumbs;
        try {
            Files.createDirectories(thumbs);
        } catch (IOException e) {
            throw new StoreException("cannot create the thumbnail cache " + thumbs + ": " + e.getMessage(), e);
        }
    }

    public static boolean isHash(String s) {
        return s != null && HASH.matcher(s).matches();
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where the images are, for messages. */
    public String describe() {
        return content.describe();
    }

    /** Stores the bytes (once) and returns their hash. */
    public String put(byte[] bytes) {
        try {
            return content.put(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write image " + sha256(bytes) + ": " + e.getMessage(), e);
        }
    }

    public boolean contains(String hash) {
        try {
            return isHash(hash) && content.contains(hash);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes of a hash, checked against it; the hash is validated so no caller can smuggle a path through it. */
    public byte[] read(String hash) throws IOException {
        if (!isHash(hash)) {
            throw new IllegalArgumentException("not an image hash: " + hash);
        }
        return content.read(hash);
    }

    /** A JPEG thumbnail fitting in size x size, generated on first use and cached on this host. */
    public Path thumbnail(String hash, int size) throws IOException {
        if (!isHash(hash)) {
            throw new IllegalArgumentException("not an image hash: " + hash);
        }
        Path thumb = thumbs.resolve(Integer.toString(size)).resolve(hash.substring(0, 2)).resolve(hash + ".jpg");
        if (Files.exists(thumb)) {
            return thumb;
        }
        byte[] source = read(hash);
        Files.createDirectories(thumb.getParent());
        Path tmp = Files.createTempFile(thumb.getParent(), ".thumb-", ".jpg");
        try {
            Thumbnails.of(new ByteArrayInputStream(source)).size(size, size).outputFormat("jpg").outputQuality(0.85)
                    .imageType(java.awt.image.BufferedImage.TYPE_INT_RGB).toFile(tmp.toFile());
            DirectoryContentStore.move(tmp, thumb);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return thumb;
    }

    /** Deletes a stored file and its thumbnails; true if the file existed. */
    public boolean delete(String hash) throws IOException {
        deleteThumbnails(hash);
        return content.delete(hash);
    }

    /**
     * Deletes objects not in {@code live} that are older than {@code grace} (and what interrupted writes
     * left); returns the count. The grace also covers another host that has written an image and not yet
     * committed its row.
     */
    public int deleteStrays(Set<String> live, Duration grace) throws IOException {
        Instant cutoff = Instant.now().minus(grace);
        List<String> strays = new ArrayList<>();
        content.list(e -> {
            if (e.lastModified().isBefore(cutoff) && !live.contains(e.hash())) {
                strays.add(e.hash());
            }
        });
        int deleted = content.deleteLeftovers(cutoff);
        for (String hash : strays) {
            deleteThumbnails(hash);
            deleted += content.delete(hash) ? 1 : 0;
        }
        return deleted;
    }

    private void deleteThumbnails(String hash) throws IOException {
        try (Stream<Path> sizes = Files.list(thumbs)) {
            for (Path sizeDir : (Iterable<Path>) sizes::iterator) {
                Files.deleteIfExists(sizeDir.resolve(hash.substring(0, 2)).resolve(hash + ".jpg"));
            }
        }
    }
}
