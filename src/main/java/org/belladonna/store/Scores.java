package org.belladonna.store;

import org.belladonna.store.Records.Score;
import org.jdbi.v3.core.Handle;

import java.util.List;

/** Table {@code score}: one score per image and scoring model; scoring again replaces it. */
public final class Scores {
    private Scores() {
    }

    /** How many images of an experiment one model has scored, and how many of those scores were imported. */
    public record Coverage(String modelId, int scored, int imported) {
    }

    public static void put(Handle h, long imageId, String modelId, String modelVersion, double mean, Double std,
                           String distributionJson, boolean imported) {
        h.createUpdate("""
                        INSERT INTO score (image_id, model_id, model_version, mean, std, distribution, imported)
                        VALUES (:image, :model, :version, :mean, :std, :dist, :imported)
                        ON CONFLICT (image_id, model_id) DO UPDATE SET model_version = excluded.model_version,
                          mean = excluded.mean, std = excluded.std, distribution = excluded.distribution,
                          imported = excluded.imported, created_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')""")
                .bind("image", imageId).bind("model", modelId).bind("version", modelVersion).bind("mean", mean)
                .bind("std", std).bind("dist", distributionJson).bind("imported", imported).execute();
    }

    public static List<Score> forImage(Handle h, long imageId) {
        return h.createQuery("SELECT * FROM score WHERE image_id = ? ORDER BY model_id").bind(0, imageId)
                .mapTo(Score.class).list();
    }

    /** Scores of every image of a file (an identical file may be in several experiments). */
    public static List<Score> forHash(Handle h, String hash) {
        return h.createQuery("SELECT s.* FROM score s JOIN image i ON i.id = s.image_id WHERE i.hash = ? ORDER BY s.model_id, s.id")
                .bind(0, hash).mapTo(Score.class).list();
    }

    /** Model ids with at least one score in the experiment, most used first. */
    public static List<String> modelsOf(Handle h, long experimentId) {
        return h.createQuery("""
                SELECT s.model_id FROM score s JOIN image i ON i.id = s.image_id JOIN prompt p ON p.id = i.prompt_id
                WHERE p.experiment_id = ? GROUP BY s.model_id ORDER BY count(*) DESC, s.model_id""")
                .bind(0, experimentId).mapTo(String.class).list();
    }

    /** Per model with any score in the experiment, most used first. */
    public static List<Coverage> coverage(Handle h, long experimentId) {
        return h.createQuery("""
                SELECT s.model_id, count(*) AS scored, sum(s.imported) AS imported
                FROM score s JOIN image i ON i.id = s.image_id JOIN prompt p ON p.id = i.prompt_id
                WHERE p.experiment_id = ? GROUP BY s.model_id ORDER BY count(*) DESC, s.model_id""")
                .bind(0, experimentId).mapTo(Coverage.class).list();
    }
}
