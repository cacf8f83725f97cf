package org.belladonna.store;

import org.belladonna.store.Records.Prompt;
import org.jdbi.v3.core.Handle;

import java.util.List;
import java.util.Optional;

/** Table {@code prompt}: the prompts of an experiment, in the order they were added. */
public final class Prompts {
    private Prompts() {
    }

    /** The prompt's id, creating it if new; an existing prompt keeps its related/control mark unless given one. */
    public static long ensure(Handle h, long experimentId, String text, Boolean related) {
        Optional<Prompt> existing = find(h, experimentId, text);
        if (existing.isPresent()) {
            if (related != null && related != existing.get().related()) {
                h.createUpdate("UPDATE prompt SET related = ? WHERE id = ?").bind(0, related).bind(1, existing.get().id()).execute();
            }
            return existing.get().id();
        }
        int position = h.createQuery("SELECT coalesce(max(position) + 1, 0) FROM prompt WHERE experiment_id = ?")
                .bind(0, experimentId).mapTo(Integer.class).one();
        return h.createUpdate("INSERT INTO prompt (experiment_id, text, related, position) VALUES (?, ?, ?, ?)")
                .bind(0, experimentId).bind(1, text.strip()).bind(2, related != null && related).bind(3, position)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
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
