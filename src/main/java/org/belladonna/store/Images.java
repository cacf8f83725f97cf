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

    public static Optional<Image> find(Handle h, long id) {
        return h.createQuery("SELECT * FROM image WHERE id = ?").bind(0, id).mapTo(Image.class).findOne();
    }

    public static List<Image> page(Handle h, long promptId, String variant, int limit, int offset) {
        return h.createQuery("SELECT * FROM image WHERE prompt_id = ? AND variant = ? ORDER BY seed, id LIMIT ? OFFSET ?")
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

    public static List<Usage> usages(Handle h, String hash) {
        return h.createQuery("""
                SELECT i.id, i.variant, i.seed, i.source_name, i.metadata, p.id AS prompt_id, p.text AS prompt_text,
                       p.related, e.id AS experiment_id, e.name AS experiment_name
                FROM image i JOIN prompt p ON p.id = i.prompt_id JOIN experiment e ON e.id = p.experiment_id
                WHERE i.hash = ? ORDER BY e.id, p.position, i.id""").bind(0, hash).mapTo(Usage.class).list();
    }
}
