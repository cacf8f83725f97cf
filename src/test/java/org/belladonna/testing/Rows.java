package org.belladonna.testing;

import org.belladonna.store.Store;

/** Row counts read straight from the database, for tests that check what was stored or left alone. */
public final class Rows {
    private Rows() {
    }

    /** Rows in {@code table}. */
    public static int count(Store store, String table) {
        return integer(store, "SELECT count(*) FROM " + table);
    }

    /** The one integer {@code sql} returns, e.g. a count with a WHERE clause. */
    public static int integer(Store store, String sql) {
        return store.read(h -> h.createQuery(sql).mapTo(Integer.class).one());
    }
}
