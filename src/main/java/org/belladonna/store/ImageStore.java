package org.belladonna.store;

import net.coobird.thumbnailator.Thumbnails;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Content-addressed image files: {@code images/ab/<sha256>}. Files are immutable and written atomically
 * (temp file + rename), so a crash never leaves a half-written image under a valid name. Thumbnails are
 * made once per size and cached under {@code thumbs/<size>/}.
 */
public final class ImageStore {
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    private final Path images;
    private final Path thumbs;

    public ImageStore(Path dataDir) {
        this.images = dataDir.resolve("images");
        this.thumbs = dataDir.resolve("thumbs");
        try {
            Files.createDirectories(images);
            Files.createDirectories(thumbs);
        } catch (IOException e) {
            throw new StoreException("cannot create the image store under " + dataDir + ": " + e.getMessage(), e);
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

    /** Stores the bytes (once) and returns their hash. */
    public String put(byte[] bytes) {
        String hash = sha256(bytes);
        Path target = path(hash);
        if (Files.exists(target)) {
            return hash;
        }
        try {
            Files.createDirectories(target.getParent());
            writeAtomically(target, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write image " + hash, e);
        }
        return hash;
    }

    public boolean contains(String hash) {
        return isHash(hash) && Files.exists(path(hash));
    }

    /** The file of a hash; the hash is validated so no caller can smuggle a path through it. */
    public Path path(String hash) {
        if (!isHash(hash)) {
            throw new IllegalArgumentException("not an image hash: " + hash);
        }
        return images.resolve(hash.substring(0, 2)).resolve(hash);
    }

    public byte[] read(String hash) throws IOException {
        return Files.readAllBytes(path(hash));
    }

    /** A JPEG thumbnail fitting in size x size, generated on first use and cached. */
    public Path thumbnail(String hash, int size) throws IOException {
        Path thumb = thumbs.resolve(Integer.toString(size)).resolve(hash.substring(0, 2)).resolve(hash + ".jpg");
        if (Files.exists(thumb)) {
            return thumb;
        }
        Path source = path(hash);
        Files.createDirectories(thumb.getParent());
        Path tmp = Files.createTempFile(thumb.getParent(), ".thumb-", ".jpg");
        try {
            Thumbnails.of(source.toFile()).size(size, size).outputFormat("jpg").outputQuality(0.85)
                    .imageType(java.awt.image.BufferedImage.TYPE_INT_RGB).toFile(tmp.toFile());
            move(tmp, thumb);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return thumb;
    }

    /** Deletes a stored file and its thumbnails; true if the file existed. */
    public boolean delete(String hash) throws IOException {
        deleteThumbnails(hash);
        return Files.deleteIfExists(path(hash));
    }

    /** Deletes files not in {@code live} that are older than {@code grace}; returns the count. */
    public int deleteStrays(Set<String> live, Duration grace) throws IOException {
        Instant cutoff = Instant.now().minus(grace);
        int deleted = 0;
        try (Stream<Path> files = Files.walk(images)) {
            for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String name = p.getFileName().toString();
                boolean stale = Files.getLastModifiedTime(p).toInstant().isBefore(cutoff);
                if (stale && (!isHash(name) || !live.contains(name))) {
                    if (isHash(name)) {
                        deleteThumbnails(name);
                    }
                    Files.delete(p);
                    deleted++;
                }
            }
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

    private static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), ".incoming-", ".tmp");
        try {
            Files.write(tmp, bytes);
            move(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
