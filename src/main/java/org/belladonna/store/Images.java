package org.belladonna.store;

import org.belladonna.store.Records.Image;
import org.jdbi.v3.core.Handle;

import java.util.List;
import java.util.Optional;

/** Table {@code image}: generated images per prompt and variant (before/after poisoning). */
public final class Images {
    public static final List<String> VARIANTS = List.of("before", "after");

    private Images() {
    }

    /** Where an image file is used: the row with its prompt and experiment, for the image page. */
    public record Usage(long id, String variant, Long seed, String sourceName, String metadata,
                        long promptId, String promptText, boolean related, long experimentId, String experimentName) {
    }

    /** Per prompt and variant of an experiment: images, how many have a score by the model, and their mean. */
    public record VariantStat(long promptId, String variant, int n, int scored, Double mean) {
    }

    /** One of the first images of a prompt's variant (by seed, then id). */
    public record Thumb(long promptId, String variant, String hash) {
    }

    /** Before and after images generated with the same seed. */
    public record Pair(long seed, String beforeHash, String afterHash) {
    }

    /** An image row of an export: everything needed to recreate it elsewhere. */
    public record ExportRow(long id, int position, String promptText, boolean related, String variant, Long seed,
                            String sourceName, String metadata, String hash, String format) {
    }

    /** Adds the image unless the same file is already under this prompt and variant; returns whether it was added. */
    public static boolean add(Handle h, long promptId, String hash, String variant, Long seed, String sourceName,
                              String metadataJson) {
        if (!VARIANTS.contains(variant)) {
            throw new IllegalArgumentException("variant must be before or after, not " + variant);
        }
        return h.createUpdate("""
                        INSERT INTO image (prompt_id, hash, variant, seed, source_name, metadata)
                        VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (prompt_id, variant, hash) DO NOTHING""")
                .bind(0, promptId).bind(1, hash).bind(2, variant).bind(3, seed).bind(4, sourceName)
                .bind(5, metadataJson == null ? "{}" : metadataJson).execute() > 0;
    }

    public static Optional<Long> idOf(Handle h, long promptId, String variant, String hash) {
        return h.createQuery("SELECT id FROM image WHERE prompt_id = ? AND variant = ? AND hash = ?")
                .bind(0, promptId).bind(1, variant).bind(2, hash).mapTo(Long.class).findOne();
    }

    public static Optional<Image> find(Handle h, long id) {
        return h.createQuery("SELECT * FROM image WHERE id = ?").bind(0, id).mapTo(Image.class).findOne();
    }

    public static List<Image> page(Handle h, long promptId, String variant, int limit, int offset) {
        return h.createQuery("SELECT * FROM image WHERE prompt_id = ? AND variant = ? ORDER BY seed NULLS FIRST, id LIMIT ? OFFSET ?")
                .bind(0, promptId).bind(1, variant).bind(2, limit).bind(3, offset).mapTo(Image.class).list();
    }

    /** Every image of an experiment, in the order they were added. */
    public static List<Image> ofExperiment(Handle h, long experimentId) {
        return h.createQuery("SELECT i.* FROM image i JOIN prompt p ON p.id = i.prompt_id WHERE p.experiment_id = ? ORDER BY i.id")
                .bind(0, experimentId).mapTo(Image.class).list();
    }

    public static int count(Handle h, long promptId, String variant) {
        return h.createQuery("SELECT count(*) FROM image WHERE prompt_id = ? AND variant = ?")
                .bind(0, promptId).bind(1, variant).mapTo(Integer.class).one();
    }

    /** One grouped query for the whole experiment page (not one per prompt). */
    public static List<VariantStat> variantStats(Handle h, long experimentId, String model) {
        return h.createQuery("""
                        SELECT i.prompt_id, i.variant, count(*) AS n, count(s.id) AS scored, avg(s.mean) AS mean
                        FROM prompt p JOIN image i ON i.prompt_id = p.id
                        LEFT JOIN score s ON s.image_id = i.id AND s.model_id = :model
                        WHERE p.experiment_id = :experiment GROUP BY i.prompt_id, i.variant""")
                .bind("experiment", experimentId).bind("model", model).mapTo(VariantStat.class).list();
    }

    /** The first {@code perVariant} images of every prompt and variant of the experiment, in one query. */
    public static List<Thumb> firstPerVariant(Handle h, long experimentId, int perVariant) {
        return h.createQuery("""
                        SELECT prompt_id, variant, hash FROM (
                          SELECT i.prompt_id, i.variant, i.hash,
                                 row_number() OVER (PARTITION BY i.prompt_id, i.variant ORDER BY i.seed NULLS FIRST, i.id) AS k
                          FROM prompt p JOIN image i ON i.prompt_id = p.id WHERE p.experiment_id = :experiment) AS ranked
                        WHERE k <= :limit ORDER BY prompt_id, variant, k""")
                .bind("experiment", experimentId).bind("limit", perVariant).mapTo(Thumb.class).list();
    }

    /** Seeds with an image in both variants, the first image of each per seed, ordered by seed. */
    public static List<Pair> pairs(Handle h, long promptId, int limit, int offset) {
        return h.createQuery("""
                        SELECT b.seed, (SELECT hash FROM image WHERE prompt_id = :prompt AND variant = 'before' AND seed = b.seed ORDER BY id LIMIT 1) AS before_hash,
                               (SELECT hash FROM image WHERE prompt_id = :prompt AND variant = 'after' AND seed = b.seed ORDER BY id LIMIT 1) AS after_hash
                        FROM (SELECT DISTINCT seed FROM image WHERE prompt_id = :prompt AND variant = 'before' AND seed IS NOT NULL) b
                        WHERE EXISTS (SELECT 1 FROM image a WHERE a.prompt_id = :prompt AND a.variant = 'after' AND a.seed = b.seed)
                        ORDER BY b.seed LIMIT :limit OFFSET :offset""")
                .bind("prompt", promptId).bind("limit", limit).bind("offset", offset).mapTo(Pair.class).list();
    }

    public static int pairCount(Handle h, long promptId) {
        return h.createQuery("""
                        SELECT count(DISTINCT b.seed) FROM image b WHERE b.prompt_id = :prompt AND b.variant = 'before'
                          AND EXISTS (SELECT 1 FROM image a WHERE a.prompt_id = :prompt AND a.variant = 'after' AND a.seed = b.seed)""")
                .bind("prompt", promptId).mapTo(Integer.class).one();
    }

    /** Every image of the experiment in prompt order, before then after, by seed. */
    public static List<ExportRow> forExport(Handle h, long experimentId) {
        return h.createQuery("""
                        SELECT i.id, p.position, p.text AS prompt_text, p.related, i.variant, i.seed, i.source_name,
                               i.metadata, i.hash, f.format
                        FROM prompt p JOIN image i ON i.prompt_id = p.id JOIN image_file f ON f.hash = i.hash
                        WHERE p.experiment_id = ?
                        ORDER BY p.position, p.id, CASE i.variant WHEN 'before' THEN 0 ELSE 1 END, i.seed NULLS FIRST, i.id""")
                .bind(0, experimentId).mapTo(ExportRow.class).list();
    }

    public static List<Usage> usages(Handle h, String hash) {
        return h.createQuery("""
                SELECT i.id, i.variant, i.seed, i.source_name, i.metadata, p.id AS prompt_id, p.text AS prompt_text,
                       p.related, e.id AS experiment_id, e.name AS experiment_name
                FROM image i JOIN prompt p ON p.id = i.prompt_id JOIN experiment e ON e.id = p.experiment_id
                WHERE i.hash = ? ORDER BY e.id, p.position, i.id""").bind(0, hash).mapTo(Usage.class).list();
    }

    /** A prompt's first before and after images for the show (same seed when both variants have one). */
    public record ShowcasePair(long promptId, String text, boolean related, String beforeHash, Long beforeSeed,
                               String afterHash, Long afterSeed) {
    }

    /**
     * The first image of each variant per prompt, preferring the smallest seed both variants share; prompts
     * missing either variant have nothing to compare and are left out.
     */
    public static List<ShowcasePair> showcasePairs(Handle h, long experimentId) {
        return h.createQuery("""
                        WITH shared_seed AS (
                          SELECT b.prompt_id, min(b.seed) AS seed
                          FROM image b JOIN prompt p ON p.id = b.prompt_id
                          JOIN image a ON a.prompt_id = b.prompt_id AND a.variant = 'after' AND a.seed = b.seed
                          WHERE p.experiment_id = :experiment AND b.variant = 'before'
                          GROUP BY b.prompt_id),
                        ranked AS (
                          SELECT i.prompt_id, i.variant, i.hash, i.seed,
                                 row_number() OVER (PARTITION BY i.prompt_id, i.variant ORDER BY
                                   CASE WHEN i.seed = s.seed THEN 0 ELSE 1 END, i.seed IS NULL, i.seed, i.id) AS rank
                          FROM image i JOIN prompt p ON p.id = i.prompt_id
                          LEFT JOIN shared_seed s ON s.prompt_id = i.prompt_id
                          WHERE p.experiment_id = :experiment)
                        SELECT p.id AS prompt_id, p.text, p.related,
                               b.hash AS before_hash, b.seed AS before_seed, a.hash AS after_hash, a.seed AS after_seed
                        FROM prompt p
                        JOIN ranked b ON b.prompt_id = p.id AND b.variant = 'before' AND b.rank = 1
                        JOIN ranked a ON a.prompt_id = p.id AND a.variant = 'after' AND a.rank = 1
                        WHERE p.experiment_id = :experiment
                        ORDER BY p.position, p.id""")
                .bind("experiment", experimentId).mapTo(ShowcasePair.class).list();
    }
}
