package org.belladonna.store;

import org.belladonna.store.Records.Experiment;
import org.jdbi.v3.core.Handle;

import java.util.List;
import java.util.Optional;

/** Table {@code experiment}. Deleting one cascades to its prompts, images and scores. */
public final class Experiments {
    private Experiments() {
    }

    /** An experiment with its counts, for lists. */
    public record Summary(long id, String name, String concept, String createdAt, int prompts, int images) {
    }

    public static long create(Handle h, String name, String description, String concept) {
        return h.createUpdate("INSERT INTO experiment (name, description, concept) VALUES (?, ?, ?)")
                .bind(0, name.strip()).bind(1, description).bind(2, concept)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    public static Optional<Experiment> find(Handle h, long id) {
        return h.createQuery("SELECT * FROM experiment WHERE id = ?").bind(0, id).mapTo(Experiment.class).findOne();
    }

    public static Optional<Experiment> findByName(Handle h, String name) {
        return h.createQuery("SELECT * FROM experiment WHERE name = ? ORDER BY id LIMIT 1").bind(0, name)
                .mapTo(Experiment.class).findOne();
    }

    public static List<Summary> list(Handle h) {
        return h.createQuery("""
                SELECT e.id, e.name, e.concept, e.created_at,
                       (SELECT count(*) FROM prompt p WHERE p.experiment_id = e.id) AS prompts,
                       (SELECT count(*) FROM image i JOIN prompt p ON p.id = i.prompt_id
                         WHERE p.experiment_id = e.id) AS images
                FROM experiment e ORDER BY e.created_at DESC, e.id DESC""").mapTo(Summary.class).list();
    }

    public static void setConcept(Handle h, long id, String concept) {
        h.createUpdate("UPDATE experiment SET concept = ? WHERE id = ?").bind(0, concept).bind(1, id).execute();
    }

    public static boolean delete(Handle h, long id) {
        return h.createUpdate("DELETE FROM experiment WHERE id = ?").bind(0, id).execute() > 0;
    }
}
