package org.belladonna.store;

import org.belladonna.store.Records.Concept;
import org.jdbi.v3.core.Handle;

import java.util.List;
import java.util.Optional;

/** Tables {@code concept} and {@code concept_anchor}: target concepts and the anchor images that show them. */
public final class Concepts {
    private Concepts() {
    }

    public static long insert(Handle h, String slug, String name, String description, boolean builtin) {
        return h.createUpdate("INSERT INTO concept (slug, name, description, builtin) VALUES (?, ?, ?, ?)")
                .bind(0, slug).bind(1, name).bind(2, description).bind(3, builtin)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    /**
     * Inserts the concept unless one with its slug exists; its id, or empty. For the built-in concepts, which
     * every host sharing a database adds when it starts: the second gives way instead of failing.
     */
    public static Optional<Long> insertIfAbsent(Handle h, String slug, String name, String description, boolean builtin) {
        return h.createQuery("INSERT INTO concept (slug, name, description, builtin) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT (slug) DO NOTHING RETURNING id")
                .bind(0, slug).bind(1, name).bind(2, description).bind(3, builtin).mapTo(Long.class).findOne();
    }

    public static void addAnchor(Handle h, long conceptId, String hash, int position) {
        h.createUpdate("INSERT INTO concept_anchor (concept_id, hash, position) VALUES (?, ?, ?) "
                        + "ON CONFLICT (concept_id, hash) DO NOTHING")
                .bind(0, conceptId).bind(1, hash).bind(2, position).execute();
    }

    public static Optional<Concept> find(Handle h, long id) {
        return h.createQuery("SELECT * FROM concept WHERE id = ?").bind(0, id).mapTo(Concept.class).findOne();
    }

    public static Optional<Concept> findBySlug(Handle h, String slug) {
        return h.createQuery("SELECT * FROM concept WHERE slug = ?").bind(0, slug).mapTo(Concept.class).findOne();
    }

    /** Built-in concepts first, then the user's by name. */
    public static List<Concept> all(Handle h) {
        return h.createQuery("SELECT * FROM concept ORDER BY builtin DESC, lower(name), name, id")
                .mapTo(Concept.class).list();
    }

    /** Anchor hashes in their order. */
    public static List<String> anchors(Handle h, long conceptId) {
        return h.createQuery("SELECT hash FROM concept_anchor WHERE concept_id = ? ORDER BY position, hash")
                .bind(0, conceptId).mapTo(String.class).list();
    }
}
