package org.belladonna.store;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The content store in a directory ({@code <root>/images/ab/<sha256>}): the data directory by default, or a
 * shared mount that several hosts use. Files are written to a temporary name beside their target and renamed
 * into place, so a crash (or a second host writing the same image) never leaves a half-written file under
 * a valid address.
 */
public final class DirectoryContentStore implements ContentStore {
    private final Path root;

    public DirectoryContentStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root.resolve("images"));
        } catch (IOException e) {
            throw new StoreException("cannot create the image store under " + this.root + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String put(byte[] bytes) throws IOException {
        String hash = ImageStore.sha256(bytes);
        Path target = file(hash);
        if (Files.exists(target)) {
            return hash;
        }
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), ".incoming-", ".tmp");
        try {
            Files.write(tmp, bytes);
            move(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return hash;
    }

    @Override
    public boolean contains(String hash) {
        return ImageStore.isHash(hash) && Files.exists(file(hash));
    }

    @Override
    public byte[] read(String hash) throws IOException {
        return ContentStore.verified(hash, Files.readAllBytes(file(hash)), root.toString());
    }

    @Override
    public boolean delete(String hash) throws IOException {
        return Files.deleteIfExists(file(hash));
    }

    @Override
    public void list(Consumer<Entry> each) throws IOException {
        try (Stream<Path> files = Files.walk(root.resolve("images"))) {
            for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String name = p.getFileName().toString();
                if (ImageStore.isHash(name)) {
                    each.accept(new Entry(name, Files.getLastModifiedTime(p).toInstant(), Files.size(p)));
                }
            }
        }
    }

    @Override
    public int deleteLeftovers(Instant cutoff) throws IOException {
        int deleted = 0;
        try (Stream<Path> files = Files.walk(root.resolve("images"))) {
            for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                if (!ImageStore.isHash(p.getFileName().toString()) && Files.getLastModifiedTime(p).toInstant().isBefore(cutoff)) {
                    Files.deleteIfExists(p);
                    deleted++;
                }
            }
        }
        return deleted;
    }

    @Override
    public String describe() {
        return root.toString();
    }

    private Path file(String hash) {
        return root.resolve(ContentStore.key(hash));
    }

    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
