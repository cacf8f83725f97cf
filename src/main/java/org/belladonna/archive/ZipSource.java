package org.belladonna.archive;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A ZIP read through its central directory (commons-compress): declared sizes, unix modes and methods are
 * checked for every entry at open, and the bytes inflated are counted again while reading.
 */
final class ZipSource implements ImportSource {
    private final ZipFile zip;
    private final Map<String, ZipArchiveEntry> entries;
    private final ArchiveLimits limits;
    private final String displayName;
    private long bytesRead;

    private ZipSource(ZipFile zip, Map<String, ZipArchiveEntry> entries, ArchiveLimits limits, String displayName) {
        this.zip = zip;
        this.entries = entries;
        this.limits = limits;
        this.displayName = displayName;
    }

    static ZipSource open(Path file, ArchiveLimits limits) throws IOException, ImportRefusedException {
        ZipFile zip;
        try {
            zip = ZipFile.builder().setPath(file).get();
        } catch (IOException e) {
            throw new ImportRefusedException("the file is not a readable ZIP archive (" + e.getMessage() + ")");
        }
        try {
            String name = file.getFileName().toString().replaceFirst("(?i)\\.zip$", "");
            return new ZipSource(zip, check(zip, limits), limits, name);
        } catch (ImportRefusedException | RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    private static Map<String, ZipArchiveEntry> check(ZipFile zip, ArchiveLimits limits) throws ImportRefusedException {
        Map<String, ZipArchiveEntry> files = new TreeMap<>();
        int count = 0;
        long declared = 0;
        for (ZipArchiveEntry e : Collections.list(zip.getEntries())) {
            if (++count > limits.maxEntries()) {
                throw new ImportRefusedException("the archive has more than " + limits.maxEntries() + " entries");
            }
            String name = ImportSource.checkName(e.getName());
            String shown = ImportSource.printable(e.getName());
            if (e.isUnixSymlink()) {
                throw new ImportRefusedException("'" + shown + "' is a symbolic link");
            }
            if (e.isDirectory()) {
                continue;
            }
            // Only regular files: a unix mode of another type (device, fifo, socket) has no business here.
            int type = e.getUnixMode() & 0170000;
            if (type != 0 && type != 0100000) {
                throw new ImportRefusedException("'" + shown + "' is not a regular file");
            }
            if (e.getGeneralPurposeBit().usesEncryption()) {
                throw new ImportRefusedException("'" + shown + "' is encrypted");
            }
            if (e.getMethod() != ZipArchiveEntry.STORED && e.getMethod() != ZipArchiveEntry.DEFLATED) {
                throw new ImportRefusedException("'" + shown + "' uses compression method " + e.getMethod()
                        + "; only stored and deflated entries are accepted");
            }
            long size = e.getSize();
            if (size < 0) {
                throw new ImportRefusedException("'" + shown + "' does not declare its size");
            }
            if (size > limits.maxEntryBytes()) {
                throw new ImportRefusedException("'" + shown + "' declares " + Sizes.human(size)
                        + ", over the limit of " + Sizes.human(limits.maxEntryBytes()) + " per file");
            }
            declared += size;
            if (declared > limits.maxTotalBytes()) {
                throw new ImportRefusedException("the archive declares more than " + Sizes.human(limits.maxTotalBytes())
                        + " uncompressed, over the limit");
            }
            if (files.put(name, e) != null) {
                throw new ImportRefusedException("'" + shown + "' appears twice in the archive");
            }
        }
        return files;
    }

    @Override
    public List<String> files() {
        return new ArrayList<>(entries.keySet());
    }

    @Override
    public byte[] read(String name) throws IOException, ImportRefusedException {
        ZipArchiveEntry e = entries.get(name);
        if (e == null) {
            throw new IllegalArgumentException("no entry " + name);
        }
        long allowed = Math.min(e.getSize(), limits.maxTotalBytes() - bytesRead);
        byte[] bytes;
        try (InputStream in = zip.getInputStream(e)) {
            bytes = ImportSource.readBounded(in, allowed, name);
        } catch (IOException ex) {
            throw new ImportRefusedException("'" + ImportSource.printable(name) + "' cannot be unpacked (" + ex.getMessage() + ")");
        }
        if (bytes.length != e.getSize()) {
            throw new ImportRefusedException("'" + ImportSource.printable(name) + "' is shorter than it declares (damaged archive)");
        }
        bytesRead += bytes.length;
        return bytes;
    }

    @Override
    public String displayName() {
        return displayName;
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
