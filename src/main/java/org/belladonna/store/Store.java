package org.belladonna.store;

import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything Belladonna keeps: the database (the SQLite file under the data directory, or a PostgreSQL
 * database when one is given), and the content-addressed image files, in the data directory too unless a
 * {@link ContentStore} elsewhere is given. Tables are read and written through the small table classes in
 * this package. Closing it closes the database's connections.
 */
public final class Store implements AutoCloseable {
    private final Path dataDir;
    private final Database database;
    private final ImageStore files;

    private Store(Path dataDir, Database database, ImageStore files) {
        this.dataDir = dataDir;
        this.database = database;
        this.files = files;
    }

    /** Opens (creating if needed) the data directory, with the images in it; refuses, in one line, a directory or database it cannot use. */
    public static Store open(Path dataDir) {
        return open(dataDir, null);
    }

    /**
     * Opens the data directory with the images in {@code images} (a shared directory or bucket), or in the
     * data directory when null. Thumbnails stay in the data directory: a cache per host.
     */
    public static Store open(Path dataDir, ContentStore images) {
        return open(dataDir, images, null);
    }

    /**
     * As {@link #open(Path, ContentStore)}, with the tables in the PostgreSQL database {@code database}
     * ({@code postgresql://user:password@host:port/db}); null or blank keeps them in the SQLite file under
     * the data directory.
     */
    public static Store open(Path dataDir, ContentStore images, String database) {
        Path dir = dataDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StoreException("cannot create the data directory " + dir + " (" + describe(e) + ")", e);
        }
        if (!Files.isWritable(dir)) {
            throw new StoreException("the data directory " + dir + " is not writable");
        }
        Database db = Database.open(dir.resolve(Database.FILE_NAME), database);
        Jdbi jdbi = db.jdbi();
        for (Class<?> owner : List.of(Records.class, Experiments.class, Images.class, Scores.class, Protections.class,
                ExperimentImports.class, ScoredImages.class)) {
            for (Class<?> row : owner.getDeclaredClasses()) {
                if (row.isRecord()) {
                    jdbi.registerRowMapper(ConstructorMapper.factory(row));
                }
            }
        }
        return new Store(dir, db, new ImageStore(images != null ? images : new DirectoryContentStore(dir), dir.resolve("thumbs")));
    }

    private static String describe(IOException e) {
        String kind = e.getClass().getSimpleName().replace("Exception", "");
        return e.getMessage() == null ? kind : kind + ": " + e.getMessage();
    }

    public Path dataDir() {
        return dataDir;
    }

    public ImageStore files() {
        return files;
    }

    /** The database: its vendor and pooled connections, for what keeps its own tables beside ours. */
    public Database database() {
        return database;
    }

    /** Closes the database's connections. */
    @Override
    public void close() {
        database.close();
    }

    public <R, X extends Exception> R read(HandleCallback<R, X> callback) throws X {
        return database.jdbi().withHandle(callback);
    }

    /** Runs the callback in one transaction: all of its writes land, or none do. */
    public <R, X extends Exception> R write(HandleCallback<R, X> callback) throws X {
        return database.jdbi().inTransaction(callback);
    }

    /**
     * Removes image files no row refers to any more. Rows go in one transaction and their files right
     * after; stray files without any row (left by a crash between writing a file and committing its
     * row) are swept only once they are an hour old, so an import in flight never loses its files.
     */
    public int collectGarbage() {
        List<String> orphans = write(h -> {
            h.execute("""
                    DELETE FROM derived_image WHERE source_hash NOT IN (SELECT hash FROM image)
                      AND source_hash NOT IN (SELECT hash FROM concept_anchor)
                      AND source_hash NOT IN (SELECT source_hash FROM protection)
                      AND source_hash NOT IN (SELECT output_hash FROM protection WHERE output_hash IS NOT NULL)""");
            List<String> unused = h.createQuery("""
                    SELECT hash FROM image_file WHERE hash NOT IN (SELECT hash FROM image)
                      AND hash NOT IN (SELECT hash FROM concept_anchor)
                      AND hash NOT IN (SELECT source_hash FROM protection)
                      AND hash NOT IN (SELECT output_hash FROM protection WHERE output_hash IS NOT NULL)
                      AND hash NOT IN (SELECT hash FROM derived_image)""").mapTo(String.class).list();
            for (String hash : unused) {
                h.execute("DELETE FROM image_file WHERE hash = ?", hash);
            }
            return unused;
        });
        Set<String> live = read(h -> new HashSet<>(h.createQuery("SELECT hash FROM image_file").mapTo(String.class).list()));
        try {
            int deleted = 0;
            for (String hash : orphans) {
                deleted += files.delete(hash) ? 1 : 0;
            }
            return deleted + files.deleteStrays(live, Duration.ofHours(1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
