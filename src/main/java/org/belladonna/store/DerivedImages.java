package org.belladonna.store;

import org.jdbi.v3.core.Handle;

import java.util.Optional;

/** Table {@code derived_image}: an image a model made from a stored image (e.g. what TAEF2 sees), computed once. */
public final class DerivedImages {
    private DerivedImages() {
    }

    /** Keeps the first derivation: one row per (source, kind), however often it is computed. */
    public static void put(Handle h, String sourceHash, String kind, String hash) {
        h.createUpdate("INSERT INTO derived_image (source_hash, kind, hash) VALUES (?, ?, ?) "
                        + "ON CONFLICT (source_hash, kind) DO NOTHING")
                .bind(0, sourceHash).bind(1, kind).bind(2, hash).execute();
    }

    public static Optional<String> find(Handle h, String sourceHash, String kind) {
        return h.createQuery("SELECT hash FROM derived_image WHERE source_hash = ? AND kind = ?")
                .bind(0, sourceHash).bind(1, kind).mapTo(String.class).findOne();
    }
}
