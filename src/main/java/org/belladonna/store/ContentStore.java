package org.belladonna.store;

import java.io.IOException;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Where image bytes live, by content address: the lowercase hex SHA-256 of the bytes, under the key
 * {@code images/ab/<sha256>} in every implementation (a directory, possibly a shared mount, or an
 * S3-compatible bucket), so a store can be copied from one to the other as it is. Objects are immutable:
 * a second put of the same bytes changes nothing.
 */
public interface ContentStore extends AutoCloseable {
    /** A stored object as the garbage collector sees it. */
    record Entry(String hash, Instant lastModified, long size) {
    }

    /** Stores the bytes (once) and returns their address. */
    String put(byte[] bytes) throws IOException;

    boolean contains(String hash) throws IOException;

    /**
     * The bytes of an address, checked against it.
     *
     * @throws java.nio.file.NoSuchFileException if nothing is stored there
     * @throws IOException                       if the stored bytes do not hash to their address
     */
    byte[] read(String hash) throws IOException;

    /** True if the object existed. */
    boolean delete(String hash) throws IOException;

    /** Every stored object (for the garbage collector). */
    void list(Consumer<Entry> each) throws IOException;

    /**
     * Removes what interrupted writes left that is no object (a directory's temporary files), when older
     * than {@code cutoff}; returns how many. Nothing to do where writes are atomic (S3).
     */
    default int deleteLeftovers(Instant cutoff) throws IOException {
        return 0;
    }

    /** Fails, saying why, when the store cannot be reached or used (checked once at start). */
    default void check() throws IOException {
    }

    /** Where this store is, for messages and logs. */
    String describe();

    @Override
    default void close() {
    }

    /** The key of an address: the same layout in every implementation. */
    static String key(String hash) {
        if (!ImageStore.isHash(hash)) {
            throw new IllegalArgumentException("not an image hash: " + hash);
        }
        return "images/" + hash.substring(0, 2) + "/" + hash;
    }

    /** The bytes, if they hash to {@code hash}: what the address promises, checked on every read. */
    static byte[] verified(String hash, byte[] bytes, String where) throws IOException {
        if (!ImageStore.sha256(bytes).equals(hash)) {
            throw new IOException("the object " + key(hash) + " in " + where + " does not match its address ("
                    + bytes.length + " bytes): it was changed or corrupted after it was stored");
        }
        return bytes;
    }
}
