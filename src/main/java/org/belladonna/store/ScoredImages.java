package org.belladonna.store;

import org.jdbi.v3.core.Handle;

import java.util.List;

/**
 * A prompt's images and seed pairs with one model's scores, sorted and filtered by score in SQL, so a page
 * of 60 out of thousands costs one query. Sort keys come from {@link Order}, never from the request text.
 */
public final class ScoredImages {
    private ScoredImages() {
    }

    /** How a list is ordered; images without a score come last in every score order. */
    public enum Order {
        SEED("i.seed NULLS FIRST, i.id", "b.seed"),
        SCORE_ASC("s.mean IS NULL, s.mean, i.seed NULLS FIRST, i.id", "change IS NULL, change, b.seed"),
        SCORE_DESC("s.mean IS NULL, s.mean DESC, i.seed NULLS FIRST, i.id", "change IS NULL, change DESC, b.seed");

        final String images;
        final String pairs;

        Order(String images, String pairs) {
            this.images = images;
            this.pairs = pairs;
        }
    }

    /** An image with its score by the model (null: not scored by it). */
    public record Scored(long id, String hash, Long seed, Double score) {
    }

    /** A seed pair with both scores and the change after − before (null unless both are scored). */
    public record ScoredPair(long seed, String beforeHash, String afterHash, Double beforeScore, Double afterScore,
                             Double change) {
    }

    /** One page of a variant's images, only those scored within [min, max] when a bound is given. */
    public static List<Scored> page(Handle h, long promptId, String variant, String model, Order order, Double min,
                                    Double max, int limit, int offset) {
        return h.createQuery("""
                        SELECT i.id, i.hash, i.seed, s.mean AS score FROM image i
                        LEFT JOIN score s ON s.image_id = i.id AND s.model_id = :model
                        WHERE i.prompt_id = :prompt AND i.variant = :variant
                          AND (:min IS NULL OR s.mean >= :min) AND (:max IS NULL OR s.mean <= :max)
                        ORDER BY\s""" + order.images + " LIMIT :limit OFFSET :offset")
                .bind("model", model).bind("prompt", promptId).bind("variant", variant).bind("min", min).bind("max", max)
                .bind("limit", limit).bind("offset", offset).mapTo(Scored.class).list();
    }

    public static int count(Handle h, long promptId, String variant, String model, Double min, Double max) {
        return h.createQuery("""
                        SELECT count(*) FROM image i LEFT JOIN score s ON s.image_id = i.id AND s.model_id = :model
                        WHERE i.prompt_id = :prompt AND i.variant = :variant
                          AND (:min IS NULL OR s.mean >= :min) AND (:max IS NULL OR s.mean <= :max)""")
                .bind("model", model).bind("prompt", promptId).bind("variant", variant).bind("min", min).bind("max", max)
                .mapTo(Integer.class).one();
    }

    private static final String PAIRS = """
            WITH firsts AS (
              SELECT i.id, i.hash, i.seed, i.variant FROM image i WHERE i.prompt_id = :prompt AND i.seed IS NOT NULL
                AND i.id = (SELECT min(x.id) FROM image x WHERE x.prompt_id = :prompt AND x.variant = i.variant AND x.seed = i.seed)),
            pairs AS (
              SELECT b.seed, b.hash AS before_hash, a.hash AS after_hash, sb.mean AS before_score, sa.mean AS after_score,
                     sa.mean - sb.mean AS change
              FROM firsts b JOIN firsts a ON a.seed = b.seed AND a.variant = 'after'
              LEFT JOIN score sb ON sb.image_id = b.id AND sb.model_id = :model
              LEFT JOIN score sa ON sa.image_id = a.id AND sa.model_id = :model
              WHERE b.variant = 'before')
            """;

    /** One page of seed pairs, only those whose change (after − before, points) is within [min, max] when given. */
    public static List<ScoredPair> pairs(Handle h, long promptId, String model, Order order, Double min, Double max,
                                         int limit, int offset) {
        return h.createQuery(PAIRS + """
                        SELECT seed, before_hash, after_hash, before_score, after_score, change FROM pairs b
                        WHERE (:min IS NULL OR change >= :min) AND (:max IS NULL OR change <= :max)
                        ORDER BY\s""" + order.pairs + " LIMIT :limit OFFSET :offset")
                .bind("model", model).bind("prompt", promptId).bind("min", min).bind("max", max)
                .bind("limit", limit).bind("offset", offset).mapTo(ScoredPair.class).list();
    }

    public static int pairCount(Handle h, long promptId, String model, Double min, Double max) {
        return h.createQuery(PAIRS + """
                        SELECT count(*) FROM pairs WHERE (:min IS NULL OR change >= :min) AND (:max IS NULL OR change <= :max)""")
                .bind("model", model).bind("prompt", promptId).bind("min", min).bind("max", max).mapTo(Integer.class).one();
    }
}
