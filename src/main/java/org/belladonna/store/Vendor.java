package org.belladonna.store;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatements;

import java.sql.SQLException;

/**
 * Which database a studio runs on. The table classes write one portable SQL text wherever the two agree and
 * ask {@link #of(Handle)} in the few places they do not (JSON fields, row locks); each has its own migrations.
 */
public enum Vendor {
    SQLITE("sqlite"), POSTGRESQL("postgresql");

    /** The Jdbi attribute {@link Database} sets, so a handle knows its vendor without a round trip. */
    static final String ATTRIBUTE = "belladonna.vendor";

    private final String folder;

    Vendor(String folder) {
        this.folder = folder;
    }

    /** Flyway's location for this vendor's migrations (Flyway itself has no per-vendor placeholder). */
    public String migrations() {
        return "classpath:db/migration/" + folder;
    }

    /** The vendor of the database behind a handle. */
    public static Vendor of(Handle h) {
        Object defined = h.getConfig(SqlStatements.class).getAttribute(ATTRIBUTE);
        if (defined instanceof Vendor v) {
            return v;
        }
        try { // a handle from a Jdbi that Database did not make (e.g. a test's own)
            String product = h.getConnection().getMetaData().getDatabaseProductName();
            return product.toLowerCase(java.util.Locale.ROOT).contains("postgres") ? POSTGRESQL : SQLITE;
        } catch (SQLException e) {
            throw new StoreException("cannot tell which database this is: " + e.getMessage(), e);
        }
    }
}
