package org.belladonna.store;

import org.belladonna.testing.Ports;
import org.belladonna.testing.Postgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Opening the database: the SQLite file's settings and checks, PostgreSQL URLs, and both behind one API. */
class DatabaseTest {
    /** The SQLite migrations, in the order Flyway applies them. */
    static final List<String> SQLITE_MIGRATIONS = List.of("V1__foundation.sql", "V5__gallery.sql", "V6__kiosk.sql",
            "V7__accounts.sql", "V8__import_provenance.sql");

    @TempDir
    Path dir;

    @Test
    void sqliteOpensWithWalForeignKeysAndBusyTimeout() {
        Store store = Store.open(dir.resolve("data"));
        assertEquals(Vendor.SQLITE, store.database().vendor());
        assertEquals(dir.resolve("data").resolve(Database.FILE_NAME), store.database().file());
        assertEquals("wal", store.read(h -> h.createQuery("PRAGMA journal_mode").mapTo(String.class).one()));
        assertEquals(1, (int) store.read(h -> h.createQuery("PRAGMA foreign_keys").mapTo(Integer.class).one()));
        assertTrue(store.read(h -> h.createQuery("PRAGMA busy_timeout").mapTo(Integer.class).one()) >= 1000);
        assertEquals(1, (int) store.read(h -> h.createQuery("SELECT count(*) FROM flyway_schema_history WHERE success = 1 AND version = '1'").mapTo(Integer.class).one()));
    }

    @Test
    void sqliteSettingsHoldOnEveryPooledConnection() throws Exception {
        try (Store store = Store.open(dir)) {
            Connection[] held = new Connection[3];
            for (int i = 0; i < held.length; i++) {
                held[i] = store.database().dataSource().getConnection();
            }
            try {
                for (Connection c : held) {
                    try (var s = c.createStatement(); var rs = s.executeQuery("PRAGMA foreign_keys")) {
                        assertTrue(rs.next());
                        assertEquals(1, rs.getInt(1));
                    }
                }
            } finally {
                for (Connection c : held) {
                    c.close();
                }
            }
        }
    }

    @Test
    void corruptSqliteDatabaseIsRefusedAndLeftUntouched() throws Exception {
        Path db = dir.resolve(Database.FILE_NAME);
        byte[] garbage = "this is not a database, it is a shopping list".repeat(100).getBytes();
        Files.write(db, garbage);
        StoreException e = assertThrows(StoreException.class, () -> Store.open(dir));
        assertTrue(e.getMessage().contains("not a usable SQLite database"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertArrayEquals(garbage, Files.readAllBytes(db));
    }

    /**
     * A database made before the migrations moved from db/migration to db/migration/sqlite: Flyway recorded
     * only versions, descriptions and checksums, so it still validates and keeps its rows.
     */
    @Test
    void sqliteDatabaseMadeFromTheOldFolderStillOpens() throws Exception {
        Path old = Files.createDirectories(dir.resolve("old-layout/db/migration"));
        for (String name : SQLITE_MIGRATIONS) {
            try (InputStream in = DatabaseTest.class.getResourceAsStream("/db/migration/sqlite/" + name)) {
                Files.copy(in, old.resolve(name));
            }
        }
        Path data = Files.createDirectories(dir.resolve("data"));
        var legacy = new org.sqlite.SQLiteDataSource();
        legacy.setUrl("jdbc:sqlite:" + data.resolve(Database.FILE_NAME));
        Flyway.configure().dataSource(legacy).locations("filesystem:" + old).load().migrate();
        try (Connection c = legacy.getConnection(); var s = c.createStatement()) {
            s.execute("INSERT INTO experiment (name) VALUES ('from before the move')");
        }

        try (Store store = Store.open(data)) {
            assertEquals("from before the move", store.read(h -> Experiments.find(h, 1)).orElseThrow().name());
            assertTrue(Flyway.configure().dataSource(store.database().dataSource())
                    .locations(Vendor.SQLITE.migrations()).load().validateWithResult().validationSuccessful);
        }
    }

    @Test
    void postgresUrlsAreReadInBothForms() {
        PostgresUrl full = PostgresUrl.parse("postgresql://studio:s%40cret@db.example:6543/belladonna?sslmode=require");
        assertEquals("db.example", full.host());
        assertEquals(6543, full.port());
        assertEquals("belladonna", full.database());
        assertEquals("studio", full.user());
        assertEquals("s@cret", full.password());
        assertEquals("jdbc:postgresql://db.example:6543/belladonna?sslmode=require", full.jdbcUrl());
        assertEquals("postgresql://studio@db.example:6543/belladonna", full.toString());

        PostgresUrl jdbc = PostgresUrl.parse("jdbc:postgresql://localhost/studio");
        assertEquals(PostgresUrl.DEFAULT_PORT, jdbc.port());
        assertNull(jdbc.user());
        assertNull(jdbc.password());
        assertEquals("jdbc:postgresql://localhost:5432/studio", jdbc.jdbcUrl());
    }

    @Test
    void badPostgresUrlsAreRefusedInOneLineWithoutThePassword() {
        for (String url : List.of("postgresql://user:hunter2@host", "postgresql://user:hunter2@/db",
                "mysql://user:hunter2@host/db", "postgresql://user:hunter2@host:5432/a/b", "postgresql://user:hunter2 @host/db",
                "postgresql://user:hunter2@host/db#x")) {
            StoreException e = assertThrows(StoreException.class, () -> Database.open(dir.resolve("x.db"), url), url);
            assertTrue(e.getMessage().startsWith("the database URL "), e.getMessage());
            assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @Test
    void anUnreachablePostgresIsReportedInOneLineWithoutThePassword() throws IOException {
        int closed = Ports.free();
        StoreException e = assertThrows(StoreException.class,
                () -> Database.open(dir.resolve("x.db"), "postgresql://studio:hunter2@127.0.0.1:" + closed + "/belladonna"));
        assertTrue(e.getMessage().startsWith("cannot connect to the database postgresql://studio@127.0.0.1:" + closed + "/belladonna: "),
                e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("x.db")), "no SQLite file when a PostgreSQL URL is given");
    }

    @Test
    void postgresOpensMigratedBehindAPoolAndCloses() throws Exception {
        String url = Postgres.freshDatabaseUrl();
        Store store = Store.open(dir, null, url);
        assertEquals(Vendor.POSTGRESQL, store.database().vendor());
        assertNull(store.database().file());
        assertFalse(Files.exists(dir.resolve(Database.FILE_NAME)), "the tables are not in the data directory");
        assertEquals(SQLITE_MIGRATIONS.size(), (int) store.read(h -> h.createQuery(
                "SELECT count(*) FROM flyway_schema_history WHERE success").mapTo(Integer.class).one()));
        assertEquals("C", store.read(h -> h.createQuery(
                "SELECT datcollate FROM pg_database WHERE datname = current_database()").mapTo(String.class).one()));
        try (Connection c = store.database().dataSource().getConnection()) {
            assertEquals("PostgreSQL", c.getMetaData().getDatabaseProductName());
        }
        store.close();
        assertThrows(Exception.class, () -> store.database().dataSource().getConnection());

        try (Store again = Store.open(dir, null, "jdbc:" + url)) { // reopened: migrations already applied
            assertEquals(1, (int) again.read(h -> h.createQuery("SELECT count(*) FROM kiosk_settings").mapTo(Integer.class).one()));
        }
    }
}
