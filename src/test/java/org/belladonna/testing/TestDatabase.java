package org.belladonna.testing;

import org.belladonna.app.Studio;
import org.belladonna.store.Store;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The two databases a studio runs on, for tests that must pass on both:
 * <pre>
 * &#64;ParameterizedClass
 * &#64;EnumSource(TestDatabase.class)
 * class SomeTest {
 *     &#64;Parameter
 *     TestDatabase database;
 *     ... Store store = database.open(dir);   // or database.studio(dir, models), or database.url(dir)
 * </pre>
 * A data directory is tied to one database: opening the same directory again reopens the same database
 * (as a restart would), and a new directory gets a new, empty one (on PostgreSQL a fresh database from
 * {@link Postgres#freshDatabaseUrl()}; the test is skipped when no PostgreSQL can be had).
 */
public enum TestDatabase {
    SQLITE, POSTGRESQL;

    private static final Map<Path, String> URLS = new ConcurrentHashMap<>();

    /**
     * The {@code --database} value for a data directory: null for SQLite (the file inside it), else a
     * {@code postgresql://} URL, the same one for the same directory.
     */
    public String url(Path dataDir) {
        if (this == SQLITE) {
            return null;
        }
        return URLS.computeIfAbsent(dataDir.toAbsolutePath().normalize(), d -> Postgres.freshDatabaseUrl());
    }

    public Store open(Path dataDir) {
        return Store.open(dataDir, null, url(dataDir));
    }

    public Studio studio(Path dataDir, Path modelsDir) {
        return Studio.open(dataDir, modelsDir, url(dataDir));
    }
}
