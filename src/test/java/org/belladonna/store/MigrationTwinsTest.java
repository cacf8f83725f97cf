package org.belladonna.store;

import org.belladonna.testing.Postgres;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every migration has a SQLite and a PostgreSQL version (db/migration/sqlite and db/migration/postgresql);
 * this migrates both and compares what they made, so the twins cannot drift apart.
 */
class MigrationTwinsTest {
    @TempDir
    Path dir;

    @Test
    void everyMigrationHasATwinOfTheSameName() throws IOException, URISyntaxException {
        assertEquals(files("sqlite"), files("postgresql"));
    }

    @Test
    void bothSchemasHaveTheSameTablesColumnsKeysAndVersions() {
        try (Store sqlite = Store.open(dir.resolve("sqlite")); Store postgres = Store.open(dir.resolve("pg"), null, Postgres.freshDatabaseUrl())) {
            Map<String, List<String>> lite = sqlite.read(MigrationTwinsTest::sqliteSchema);
            Map<String, List<String>> pg = postgres.read(MigrationTwinsTest::postgresSchema);
            assertEquals(lite.keySet(), pg.keySet(), "tables");
            for (String table : lite.keySet()) {
                assertEquals(String.join("\n", lite.get(table)), String.join("\n", pg.get(table)), "table " + table);
            }
            String versions = "SELECT version || ' ' || description || ' ' || script FROM flyway_schema_history ORDER BY installed_rank";
            List<String> liteVersions = sqlite.read(h -> h.createQuery(versions).mapTo(String.class).list());
            List<String> pgVersions = postgres.read(h -> h.createQuery(versions).mapTo(String.class).list());
            assertEquals(liteVersions, pgVersions, "applied migrations");
        }
    }

    private static List<String> files(String vendor) throws IOException, URISyntaxException {
        Path folder = Path.of(MigrationTwinsTest.class.getResource("/db/migration/" + vendor).toURI());
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /**
     * Per table: each column ({@link #column}), then "primary key (...)" and
     * "foreign key col -> table (on delete ...)". Type families: integer (SQLite INTEGER; PostgreSQL INTEGER,
     * BIGINT, BOOLEAN: SQLite keeps flags as 0/1), real, text.
     */
    private static Map<String, List<String>> sqliteSchema(Handle h) {
        Map<String, List<String>> tables = new TreeMap<>();
        for (String table : h.createQuery("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' "
                + "AND name <> 'flyway_schema_history' ORDER BY name").mapTo(String.class).list()) {
            List<String> key = h.createQuery("SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk").bind(0, table)
                    .mapTo(String.class).list();
            List<String> lines = new ArrayList<>(h.createQuery("SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?) ORDER BY cid")
                    .bind(0, table)
                    .map((rs, ctx) -> column(rs.getString("name"), rs.getString("type"), rs.getInt("notnull") == 1 || rs.getInt("pk") > 0,
                            rs.getString("dflt_value") != null, key))
                    .list());
            lines.add("primary key " + key);
            h.createQuery("SELECT \"from\", \"table\", on_delete FROM pragma_foreign_key_list(?) ORDER BY \"from\"").bind(0, table)
                    .map((rs, ctx) -> "foreign key " + rs.getString(1) + " -> " + rs.getString(2) + " (on delete "
                            + rs.getString(3).toLowerCase() + ")").forEach(lines::add);
            tables.put(table, lines);
        }
        return tables;
    }

    private static Map<String, List<String>> postgresSchema(Handle h) {
        Map<String, List<String>> tables = new TreeMap<>();
        for (String table : h.createQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
                + "AND table_type = 'BASE TABLE' AND table_name <> 'flyway_schema_history' ORDER BY table_name").mapTo(String.class).list()) {
            List<String> key = h.createQuery("""
                            SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
                            WHERE i.indrelid = CAST(? AS regclass) AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)""")
                    .bind(0, table).mapTo(String.class).list();
            List<String> lines = new ArrayList<>(h.createQuery("""
                            SELECT column_name, data_type, is_nullable, column_default, is_identity FROM information_schema.columns
                            WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position""").bind(0, table)
                    .map((rs, ctx) -> column(rs.getString("column_name"), rs.getString("data_type"), rs.getString("is_nullable").equals("NO"),
                            rs.getString("column_default") != null, key))
                    .list());
            lines.add("primary key " + key);
            h.createQuery("""
                            SELECT kcu.column_name, ccu.table_name, rc.delete_rule FROM information_schema.referential_constraints rc
                            JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = rc.constraint_name
                              AND kcu.constraint_schema = rc.constraint_schema
                            JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = rc.constraint_name
                              AND ccu.constraint_schema = rc.constraint_schema
                            WHERE kcu.table_schema = current_schema() AND kcu.table_name = ? ORDER BY kcu.column_name""").bind(0, table)
                    .map((rs, ctx) -> "foreign key " + rs.getString(1) + " -> " + rs.getString(2) + " (on delete "
                            + rs.getString(3).toLowerCase() + ")").forEach(lines::add);
            tables.put(table, lines);
        }
        return tables;
    }

    /**
     * One column as "name family null|not-null default|-". A whole-key integer column says "key" instead: SQLite
     * numbers it by itself (rowid), PostgreSQL by identity (or, for kiosk_settings' fixed id 1, not at all).
     */
    private static String column(String name, String type, boolean notNull, boolean hasDefault, List<String> key) {
        String family = family(type);
        boolean rowKey = key.equals(List.of(name)) && family.equals("integer");
        return name + " " + family + (notNull ? " not-null" : " null") + (rowKey ? " key" : hasDefault ? " default" : " -");
    }

    private static String family(String type) {
        String t = type.toLowerCase();
        if (t.equals("integer") || t.equals("bigint") || t.equals("boolean")) {
            return "integer";
        }
        if (t.equals("real") || t.equals("double precision")) {
            return "real";
        }
        if (t.equals("text")) {
            return "text";
        }
        throw new AssertionError("a column type the twins should not use: " + type);
    }
}
