package org.belladonna.store;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The SQLite database under the data directory: WAL (readers never block the writer), foreign keys on,
 * a busy timeout and immediate transactions so concurrent writers wait instead of failing, and the schema brought up to date by
 * Flyway migrations ({@code db/migration}) on every open.
 */
public final class Database {
    public static final String FILE_NAME = "belladonna.db";

    private final Path file;
    private final DataSource source;
    private final Jdbi jdbi;

    private Database(Path file, DataSource source, Jdbi jdbi) {
        this.file = file;
        this.source = source;
        this.jdbi = jdbi;
    }

    public static Database open(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(10_000);
        // BEGIN IMMEDIATE: a transaction takes the write lock when it starts, so a read-then-write transaction
        // waits for another writer (busy timeout) instead of failing with SQLITE_BUSY when it upgrades.
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + file.toAbsolutePath());

        boolean existed = Files.exists(file);
        if (existed) {
            checkIntegrity(source, file);
        }
        try {
            Flyway.configure()
                    .dataSource(source)
                    .locations("classpath:db/migration")
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new StoreException("cannot prepare the database " + file + ": " + rootMessage(e), e);
        }
        Jdbi jdbi = Jdbi.create(source);
        return new Database(file, source, jdbi);
    }

    /** Refuses a file that is not a healthy SQLite database, before anything writes to it. */
    private static void checkIntegrity(SQLiteDataSource source, Path file) {
        try (Connection c = source.getConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery("PRAGMA quick_check")) {
            String verdict = rs.next() ? rs.getString(1) : "no answer";
            if (!"ok".equals(verdict)) {
                throw new StoreException(file + " is damaged (" + verdict + "); restore it from a backup or start with a new --data directory");
            }
        } catch (SQLException e) {
            throw new StoreException(file + " is not a usable SQLite database (" + firstLine(e.getMessage())
                    + "); move it aside or choose another --data directory", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return firstLine(t.getMessage());
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** The configured connections, for the job engine, which keeps its tables in the same database. */
    public DataSource dataSource() {
        return source;
    }

    /** Whether several hosts may share this database (PostgreSQL); an SQLite file has one host. */
    public boolean sharedByHosts() {
        return false;
    }

    public Path file() {
        return file;
    }
}
