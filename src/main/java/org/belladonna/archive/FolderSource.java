package org.belladonna.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A folder walked without following links: a symbolic link anywhere under it refuses the import (it could
 * point at any file on this machine), as do special files and more files or bytes than the limits allow.
 */
final class FolderSource implements ImportSource {
    private final Path root;
    private final Map<String, Long> files;
    private final ArchiveLimits limits;
    private long bytesRead;

    private FolderSource(Path root, Map<String, Long> files, ArchiveLimits limits) {
        this.root = root;
        this.files = files;
        this.limits = limits;
    }

    static FolderSource open(Path folder, ArchiveLimits limits) throws IOException, ImportRefusedException {
        Path root = folder.toRealPath();
        Map<String, Long> files = new TreeMap<>();
        List<ImportRefusedException> refused = new ArrayList<>();
        long[] total = {0};
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return count(dir) ? FileVisitResult.CONTINUE : FileVisitResult.TERMINATE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (!count(file)) {
                    return FileVisitResult.TERMINATE;
                }
                String name = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                String shown = ImportSource.printable(name);
                if (attrs.isSymbolicLink()) {
                    return refuse("'" + shown + "' is a symbolic link");
                }
                if (!attrs.isRegularFile()) {
                    return refuse("'" + shown + "' is not a regular file");
                }
                if (attrs.size() > limits.maxEntryBytes()) {
                    return refuse("'" + shown + "' is " + Sizes.human(attrs.size()) + ", over the limit of "
                            + Sizes.human(limits.maxEntryBytes()) + " per file");
                }
                total[0] += attrs.size();
                if (total[0] > limits.maxTotalBytes()) {
                    return refuse("the folder holds more than " + Sizes.human(limits.maxTotalBytes()) + ", over the limit");
                }
                try {
                    files.put(ImportSource.checkName(name), attrs.size());
                } catch (ImportRefusedException e) {
                    refused.add(e);
                    return FileVisitResult.TERMINATE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return refuse("'" + ImportSource.printable(root.relativize(file).toString()) + "' cannot be read (" + e.getMessage() + ")");
            }

            private int seen;

            private boolean count(Path p) {
                if (++seen > limits.maxEntries() + 1) { // +1: the root itself
                    refused.add(new ImportRefusedException("the folder has more than " + limits.maxEntries() + " entries"));
                    return false;
                }
                return true;
            }

            private FileVisitResult refuse(String reason) {
                refused.add(new ImportRefusedException(reason));
                return FileVisitResult.TERMINATE;
            }
        });
        if (!refused.isEmpty()) {
            throw refused.get(0);
        }
        return new FolderSource(root, files, limits);
    }

    @Override
    public List<String> files() {
        return new ArrayList<>(files.keySet());
    }

    @Override
    public byte[] read(String name) throws IOException, ImportRefusedException {
        if (!files.containsKey(name)) {
            throw new IllegalArgumentException("no file " + name);
        }
        Path file = root.resolve(name);
        // The folder may have changed since it was checked: never follow a link that appeared meanwhile.
        if (!file.normalize().startsWith(root) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new ImportRefusedException("'" + ImportSource.printable(name) + "' changed into something other than a file during the import");
        }
        long allowed = Math.min(limits.maxEntryBytes(), limits.maxTotalBytes() - bytesRead);
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            bytes = ImportSource.readBounded(in, allowed, name);
        }
        bytesRead += bytes.length;
        return bytes;
    }

    @Override
    public String displayName() {
        return root.getFileName() == null ? "import" : root.getFileName().toString();
    }

    @Override
    public void close() {
    }
}
