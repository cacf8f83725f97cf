package org.belladonna.archive;

/**
 * How much an import may hold, so a zip bomb or a runaway folder is refused before it fills memory or disk.
 * Both the sizes an archive declares and the bytes actually read are held to these limits.
 *
 * @param maxEntries    entries in the archive or files under the folder (directories included)
 * @param maxEntryBytes uncompressed bytes of one file (a 64-megapixel PNG fits)
 * @param maxTotalBytes uncompressed bytes of all files together
 */
public record ArchiveLimits(int maxEntries, long maxEntryBytes, long maxTotalBytes) {
    public static final ArchiveLimits DEFAULT = new ArchiveLimits(100_000, 256L << 20, 8L << 30);

    public ArchiveLimits {
        if (maxEntries < 1 || maxEntryBytes < 1 || maxTotalBytes < maxEntryBytes) {
            throw new IllegalArgumentException("limits must be positive and the total at least one entry");
        }
    }
}
