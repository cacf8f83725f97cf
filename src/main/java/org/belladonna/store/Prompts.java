package org.belladonna.store;

import org.belladonna.store.Records.Prompt;
import org.jdbi.v3.core.Handle;

import java.util.List;
import java.util.Optional;

/** Table {@code prompt}: the prompts of an experiment, in the order they were added. */
public final class Prompts {
    private Prompts() {
    }

    /**
     * The prompt's id, creating it if new; an existing prompt keeps its related/control mark unless given one.
     * Safe when two imports add prompts to one experiment at once: the insert gives way to a prompt another
     * transaction made (ON CONFLICT), and on PostgreSQL, where writers do not queue as they do on SQLite, the
     * experiment's row is locked first so two new prompts never take the same position.
     */
    public static long ensure(Handle h, long experimentId, String text, Boolean related) {
        if (Vendor.of(h) == Vendor.POSTGRESQL) {
            h.createQuery("SELECT id FROM experiment WHERE id = ? FOR UPDATE").bind(0, experimentId).mapTo(Long.class).findOne();
        }
        Optional<Long> inserted = h.createQuery("""
                        INSERT INTO prompt (experiment_id, text, related, position)
                        VALUES (:experiment, :text, :related,
                                (SELECT coalesce(max(position) + 1, 0) FROM prompt WHERE experiment_id = :experiment))
                        ON CONFLICT (experiment_id, text) DO NOTHING RETURNING id""")
                .bind("experiment", experimentId).bind("text", text.strip()).bind("related", related != null && related)
                .mapTo(Long.class).findOne();
        if (inserted.isPresent()) {
            return inserted.get();
        }
        Prompt existing = find(h, experimentId, text).orElseThrow();
        if (related != null && related != existing.related()) {
            h.createUpdate("UPDATE prompt SET related = ? WHERE id = ?").bind(0, related).bind(1, existing.id()).execute();
        }
        return existing.id();
    }

    public static Optional<Prompt> find(Handle h, long experimentId, String text) {
        return h.createQuery("SELECT * FROM prompt WHERE experiment_id = ? AND text = ?")
                .bind(0, experimentId).bind(1, text.strip()).mapTo(Prompt.class).findOne();
    }

    public static Optional<Prompt> find(Handle h, long id) {
        return h.createQuery("SELECT * FROM prompt WHERE id = ?").bind(0, id).mapTo(Prompt.class).findOne();
    }

    public static List<Prompt> list(Handle h, long experimentId) {
        return h.createQuery("SELECT * FROM prompt WHERE experiment_id = ? ORDER BY position, id")
                .bind(0, experimentId).mapTo(Prompt.class).list();
    }
}
