package org.belladonna.store;

import org.belladonna.store.Records.Score;
import org.jdbi.v3.core.Handle;

import java.util.List;
import java.util.Optional;

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
                          imported = excluded.imported, created_at = :now""")
                .bind("now", Timestamps.seconds()).bind("image", imageId).bind("model", modelId).bind("version", modelVersion).bind("mean", mean)
                .bind("std", std).bind("dist", distributionJson).bind("imported", imported).execute();
    }

    /** One imported score for {@link #putImported}: model_version and distribution as the score CSV gives them. */
    public record Imported(long imageId, String modelId, String modelVersion, double mean, Double std, String distribution) {
    }

    /**
     * Many imported scores as one batch of the same upsert as {@link #put}: a 100,000-row file holds the
     * database's write lock for a fraction of what row-by-row statements take.
     */
    public static void putImported(Handle h, List<Imported> scores) {
        var batch = h.prepareBatch("""
                INSERT INTO score (image_id, model_id, model_version, mean, std, distribution, imported)
                VALUES (:image, :model, :version, :mean, :std, :dist, TRUE)
                ON CONFLICT (image_id, model_id) DO UPDATE SET model_version = excluded.model_version,
                  mean = excluded.mean, std = excluded.std, distribution = excluded.distribution,
                  imported = TRUE, created_at = :now""");
        String now = Timestamps.seconds();
        for (Imported s : scores) {
            batch.bind("image", s.imageId()).bind("model", s.modelId()).bind("version", s.modelVersion()).bind("mean", s.mean())
                    .bind("std", s.std()).bind("dist", s.distribution()).bind("now", now).add();
        }
        if (!scores.isEmpty()) {
            batch.execute();
        }
    }

    public static Optional<Score> find(Handle h, long imageId, String modelId) {
        return h.createQuery("SELECT * FROM score WHERE image_id = ? AND model_id = ?").bind(0, imageId).bind(1, modelId)
                .mapTo(Score.class).findOne();
    }

    /** Scores of every image of a file (an identical file may be in several experiments). */
    public static List<Score> forHash(Handle h, String hash) {
        return h.createQuery("SELECT s.* FROM score s JOIN image i ON i.id = s.image_id WHERE i.hash = ? ORDER BY s.model_id, s.id")
                .bind(0, hash).mapTo(Score.class).list();
    }

    /** A score with the image it belongs to, for analyses and exports. */
    public record Scored(long imageId, long promptId, String variant, Long seed, String modelId, String modelVersion,
                         double mean, Double std, String distribution, boolean imported) {
    }

    /**
     * Every score of the experiment (of one model, or all when {@code model} is null), in an order fixed by
     * content (prompt position, variant, seed, file hash), not by row ids: the bootstrap draws by index, so an
     * experiment re-imported elsewhere must list its scores in the same order to give the same intervals.
     */
    public static List<Scored> ofExperiment(Handle h, long experimentId, String model) {
        return h.createQuery("""
                        SELECT s.image_id, i.prompt_id, i.variant, i.seed, s.model_id, s.model_version, s.mean, s.std, s.distribution,
                               s.imported
                        FROM prompt p JOIN image i ON i.prompt_id = p.id JOIN score s ON s.image_id = i.id
                        WHERE p.experiment_id = :experiment AND (CAST(:model AS TEXT) IS NULL OR s.model_id = :model)
                        ORDER BY p.position, p.id, i.variant, i.seed NULLS FIRST, i.hash, s.model_id""")
                .bind("experiment", experimentId).bind("model", model).mapTo(Scored.class).list();
    }

    /** Model ids with at least one score in the experiment, most used first. */
    public static List<String> modelsOf(Handle h, long experimentId) {
        return h.createQuery("""
                SELECT s.model_id FROM score s JOIN image i ON i.id = s.image_id JOIN prompt p ON p.id = i.prompt_id
                WHERE p.experiment_id = ? GROUP BY s.model_id ORDER BY count(*) DESC, s.model_id""")
                .bind(0, experimentId).mapTo(String.class).list();
    }

    /** The first {@code limit} model ids of the experiment, most used first (pages list a bounded number). */
    public static List<String> modelsOf(Handle h, long experimentId, int limit) {
        return h.createQuery("""
                SELECT s.model_id FROM score s JOIN image i ON i.id = s.image_id JOIN prompt p ON p.id = i.prompt_id
                WHERE p.experiment_id = ? GROUP BY s.model_id ORDER BY count(*) DESC, s.model_id LIMIT ?""")
                .bind(0, experimentId).bind(1, limit).mapTo(String.class).list();
    }

    public static boolean hasModel(Handle h, long experimentId, String modelId) {
        return h.createQuery("""
                SELECT EXISTS (SELECT 1 FROM score s JOIN image i ON i.id = s.image_id JOIN prompt p ON p.id = i.prompt_id
                WHERE p.experiment_id = ? AND s.model_id = ?)""").bind(0, experimentId).bind(1, modelId).mapTo(Boolean.class).one();
    }

    /** How many distinct models scored images of the experiment. */
    public static int modelCount(Handle h, long experimentId) {
        return h.createQuery("""
                SELECT count(DISTINCT s.model_id) FROM score s JOIN image i ON i.id = s.image_id JOIN prompt p ON p.id = i.prompt_id
                WHERE p.experiment_id = ?""").bind(0, experimentId).mapTo(Integer.class).one();
    }

    /** Per model with any score in the experiment, most used first. */
    public static List<Coverage> coverage(Handle h, long experimentId) {
        return coverage(h, experimentId, 0, Integer.MAX_VALUE);
    }

    /** One page of {@link #coverage(Handle, long)}. */
    public static List<Coverage> coverage(Handle h, long experimentId, int offset, int limit) {
        return h.createQuery("""
                SELECT s.model_id, count(*) AS scored, sum(CASE WHEN s.imported THEN 1 ELSE 0 END) AS imported
                FROM score s JOIN image i ON i.id = s.image_id JOIN prompt p ON p.id = i.prompt_id
                WHERE p.experiment_id = ? GROUP BY s.model_id ORDER BY count(*) DESC, s.model_id LIMIT ? OFFSET ?""")
                .bind(0, experimentId).bind(1, limit).bind(2, offset).mapTo(Coverage.class).list();
    }

    /** The first {@code limit} of {@link #forHash}. */
    public static List<Score> forHash(Handle h, String hash, int limit) {
        return h.createQuery("SELECT s.* FROM score s JOIN image i ON i.id = s.image_id WHERE i.hash = ? ORDER BY s.model_id, s.id LIMIT ?")
                .bind(0, hash).bind(1, limit).mapTo(Score.class).list();
    }

    public static int countForHash(Handle h, String hash) {
        return h.createQuery("SELECT count(*) FROM score s JOIN image i ON i.id = s.image_id WHERE i.hash = ?")
                .bind(0, hash).mapTo(Integer.class).one();
    }
}
