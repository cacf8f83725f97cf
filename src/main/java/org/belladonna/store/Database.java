package org.belladonna.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
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
 * The studio's database, with its schema brought up to date by Flyway on every open (the vendor's folder
 * under {@code db/migration}), and its connections pooled (HikariCP).
 * <ul>
 *   <li>By default the SQLite file under the data directory: WAL (readers never block the writer), foreign
 *       keys on, a busy timeout and immediate transactions so concurrent writers wait instead of failing.
 *       Those are per-connection settings, so the pool is given the configured SQLite data source.</li>
 *   <li>Or a PostgreSQL database ({@link PostgresUrl}), which several hosts can share.</li>
 * </ul>
 */
public final class Database implements AutoCloseable {
    public static final String FILE_NAME = "belladonna.db";
    private static final int SQLITE_POOL = 16;
    private static final int POSTGRES_POOL = 10;

    private final Vendor vendor;
    private final Path file;
    private final String description;
    private final HikariDataSource pool;
    private final Jdbi jdbi;

    private Database(Vendor vendor, Path file, String description, HikariDataSource pool) {
        this.vendor = vendor;
        this.file = file;
        this.description = description;
        this.pool = pool;
        this.jdbi = Jdbi.create(pool);
        jdbi.define(Vendor.ATTRIBUTE, vendor);
    }

    /** The SQLite file {@code sqliteFile}, or the PostgreSQL database {@code url} when one is given (not blank). */
    public static Database open(Path sqliteFile, String url) {
        return url == null || url.isBlank() ? open(sqliteFile) : openPostgres(url.strip());
    }

    /** The SQLite database in {@code file}, created if missing; refuses a damaged one before anything writes to it. */
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

        if (Files.exists(file)) {
            checkIntegrity(source, file);
        }
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("belladonna-sqlite");
        pool.setDataSource(source);
        pool.setMaximumPoolSize(SQLITE_POOL);
        idleConnectionsRetire(pool);
        return migrated(new Database(Vendor.SQLITE, file, file.toString(), new HikariDataSource(pool)));
    }

    /** The PostgreSQL database at {@code url} ({@link PostgresUrl}); refuses, in one line, one it cannot reach. */
    public static Database openPostgres(String url) {
        PostgresUrl pg = PostgresUrl.parse(url);
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("belladonna-postgresql");
        pool.setJdbcUrl(pg.jdbcUrl());
        pool.setUsername(pg.user());
        pool.setPassword(pg.password());
        pool.setMaximumPoolSize(POSTGRES_POOL);
        idleConnectionsRetire(pool);
        pool.setConnectionTimeout(15_000);
        HikariDataSource source;
        try {
            source = new HikariDataSource(pool); // connects once now, so a wrong URL fails here
        } catch (RuntimeException e) {
            throw new StoreException("cannot connect to the database " + pg + ": " + sqlMessage(e), e);
        }
        return migrated(new Database(Vendor.POSTGRESQL, null, pg.toString(), source));
    }

    /** An idle studio holds no connection (a server's are a process each); a busy one keeps what it uses. */
    private static void idleConnectionsRetire(HikariConfig pool) {
        pool.setMinimumIdle(0);
        pool.setIdleTimeout(60_000);
    }

    private static Database migrated(Database db) {
        try {
            Flyway.configure()
                    .dataSource(db.pool)
                    .locations(db.vendor.migrations())
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
            return db;
        } catch (FlywayException e) {
            db.close();
            throw new StoreException("cannot prepare the database " + db.description + ": " + sqlMessage(e), e);
        }
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

    /** The most telling message of the chain: the driver's own (first SQLException), else the root cause's. */
    private static String sqlMessage(Throwable e) {
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException && t.getMessage() != null) {
                return firstLine(t.getMessage());
            }
            root = t;
        }
        return firstLine(root.getMessage());
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

    /** The pooled connections (for a library that keeps its own tables here, e.g. a job scheduler). */
    public DataSource dataSource() {
        return pool;
    }

    public Vendor vendor() {
        return vendor;
    }

    /** Whether several hosts may share this database (PostgreSQL); an SQLite file has one host. */
    public boolean sharedByHosts() {
        return vendor == Vendor.POSTGRESQL;
    }

    /** The SQLite file, or null on PostgreSQL. */
    public Path file() {
        return file;
    }

    /** The file, or the PostgreSQL URL without its password, for messages. */
    public String describe() {
        return description;
    }

    /** Closes every pooled connection; the database cannot be used afterwards. */
    @Override
    public void close() {
        pool.close();
    }
}
