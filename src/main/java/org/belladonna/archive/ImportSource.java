package org.belladonna.archive;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The files of a folder or ZIP to import, by relative '/'-separated name. Opening one checks every entry
 * (names, links, declared sizes, counts) and refuses the whole source on the first hostile thing, before a
 * byte is stored; {@link #read} then counts the bytes it really gets against the same limits.
 */
public interface ImportSource extends Closeable {

    /** Regular files, in a stable order (sorted by name). */
    List<String> files();

    /** The file's bytes; refuses a file that turns out larger than declared or than the limits allow. */
    byte[] read(String name) throws IOException, ImportRefusedException;

    /** The source's own name (folder or file name without .zip), a default experiment name. */
    String displayName();

    static ImportSource open(Path path, ArchiveLimits limits) throws IOException, ImportRefusedException {
        if (Files.isDirectory(path)) {
            return FolderSource.open(path, limits);
        }
        if (!Files.isRegularFile(path)) {
            throw new ImportRefusedException(path + " is neither a folder nor a file");
        }
        return ZipSource.open(path, limits);
    }

    /**
     * Refuses names that could escape the import or mean different things on different systems: absolute
     * paths, drive letters, backslashes, '.' or '..' segments, control characters.
     */
    static String checkName(String name) throws ImportRefusedException {
        if (name.isEmpty()) {
            throw new ImportRefusedException("an entry has an empty name");
        }
        if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
            throw new ImportRefusedException("'" + printable(name) + "' is an absolute path");
        }
        if (name.indexOf('\\') >= 0) {
            throw new ImportRefusedException("'" + printable(name) + "' contains a backslash");
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                throw new ImportRefusedException("'" + printable(name) + "' contains a control character");
            }
        }
        String trimmed = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        for (String segment : trimmed.split("/", -1)) {
            if (segment.equals("..")) {
                throw new ImportRefusedException("'" + printable(name) + "' points outside the archive (..)");
            }
            if (segment.isEmpty() || segment.equals(".")) {
                throw new ImportRefusedException("'" + printable(name) + "' has an empty or '.' path segment");
            }
        }
        return trimmed;
    }

    /** Files every OS leaves in archives and folders; never read, never imported. */
    static boolean isJunk(String name) {
        String last = name.substring(name.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        return name.startsWith("__MACOSX/") || last.startsWith(".") || last.equals("thumbs.db") || last.equals("desktop.ini");
    }

    /** Reads at most {@code allowed} bytes; one byte more means the entry lied about its size. */
    static byte[] readBounded(InputStream in, long allowed, String name) throws IOException, ImportRefusedException {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, allowed + 1));
        if (bytes.length > allowed) {
            throw new ImportRefusedException("'" + printable(name) + "' holds more bytes than it declares or than the limit allows (zip bomb?)");
        }
        return bytes;
    }

    static String printable(String name) {
        String s = name.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return s.length() > 120 ? s.substring(0, 117) + "…" : s;
    }
}
