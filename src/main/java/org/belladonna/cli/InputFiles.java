package org.belladonna.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Files named on the command line, checked before a byte is read: a FIFO or {@code /dev/zero} would block
 * or never end, and a 3 GB file would be read whole before anything refused it. Each refusal names what
 * the path really is.
 */
final class InputFiles {
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFIFO = 0010000;

    private InputFiles() {
    }

    /**
     * The path, when it is a regular file of at most {@code maxBytes}; else a {@link UserError} naming what it
     * is, or its size and the limit ({@code what} says what the limit is for, e.g. "images").
     */
    static Path requireRegularFile(Path path, long maxBytes, String what) {
        if (!Files.isRegularFile(path)) {
            throw new UserError(notARegularFile(path));
        }
        long size;
        try {
            size = Files.size(path);
        } catch (IOException e) {
            throw new UserError(path + ": cannot read (" + e.getMessage() + ")");
        }
        if (size > maxBytes) {
            throw new UserError(path + " is " + bytes(size) + "; " + what + " up to " + bytes(maxBytes) + " are accepted");
        }
        return path;
    }

    /** Why a path that is not a regular file cannot be read as one, in one line. */
    static String notARegularFile(Path path) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return path + ": no such file";
        }
        if (!Files.exists(path)) {
            return path + " is a link to something that does not exist";
        }
        if (Files.isDirectory(path)) {
            return path + " is a folder, not a file";
        }
        String kind = switch (mode(path) & S_IFMT) {
            case S_IFIFO -> "a named pipe (FIFO)";
            case S_IFCHR -> "a character device (like /dev/zero)";
            case S_IFBLK -> "a block device";
            case S_IFSOCK -> "a socket";
            default -> "a special file";
        };
        return path + " is " + kind + ", not a regular file; copy what it holds into a file first";
    }

    private static int mode(Path path) {
        try {
            return (Integer) Files.getAttribute(path, "unix:mode");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return 0;
        }
    }

    static String bytes(long n) {
        if (n >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GiB", n / (double) (1L << 30));
        }
        return n >= 1L << 20 ? (n >> 20) + " MiB" : n + " bytes";
    }
}
