package org.belladonna.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Who runs jobs here: a stable id kept in the data directory, so a restarted server or worker finds the jobs
 * it was running when it died, and takes them again at once instead of after JobRunr's 20 s orphan check.
 * The id is held by a file lock while jobs run: two live processes must never share it (each would think the
 * other's jobs were its own dead ones).
 */
public final class HostIdentity implements AutoCloseable {
    static final String FILE = "host-id";

    /** Another live process holds this data directory's id. */
    public static final class Taken extends IllegalStateException {
        Taken(String message) {
            super(message);
        }
    }

    private final UUID id;
    private final String name;
    private final FileChannel channel;
    private final FileLock lock;

    private HostIdentity(UUID id, String name, FileChannel channel, FileLock lock) {
        this.id = id;
        this.name = name;
        this.channel = channel;
        this.lock = lock;
    }

    /** Reads (or makes) the data directory's id and holds it; refuses, in one line, an id another process holds. */
    public static HostIdentity hold(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            FileChannel channel = FileChannel.open(dataDir.resolve(FILE + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameProcess) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new Taken("another Belladonna process runs jobs from " + dataDir
                        + "; give each server or worker its own --data directory");
            }
            UUID id;
            if (Files.exists(file)) {
                id = UUID.fromString(Files.readString(file, StandardCharsets.US_ASCII).trim());
            } else {
                id = UUID.randomUUID();
                Path partial = dataDir.resolve(FILE + ".partial");
                Files.writeString(partial, id + "\n", StandardCharsets.US_ASCII);
                Files.move(partial, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            return new HostIdentity(id, hostName() + ":" + ProcessHandle.current().pid(), channel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the host id in " + dataDir + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(file + " is not a host id; delete it and start again", e);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    public UUID id() {
        return id;
    }

    /** Host name and process id, as JobRunr shows the server. */
    public String name() {
        return name;
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
