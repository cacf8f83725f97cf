package org.belladonna.store;

import org.belladonna.store.Records.Protection;
import org.jdbi.v3.core.Handle;

import java.util.List;
import java.util.Optional;

/** Table {@code protection}: one artwork to protect, its settings, and (once its job is done) its output and report. */
public final class Protections {
    private Protections() {
    }

    public static long insert(Handle h, long jobId, String batch, String sourceHash, String sourceName, long conceptId,
                              String settingsJson) {
        return h.createUpdate("""
                        INSERT INTO protection (job_id, batch, source_hash, source_name, concept_id, settings)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                .bind(0, jobId).bind(1, batch).bind(2, sourceHash).bind(3, sourceName).bind(4, conceptId)
                .bind(5, settingsJson).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    /**
     * Records the result, only if none is recorded yet: a job re-run after a crash can never give a
     * protection a second output. Returns whether this call recorded it.
     */
    public static boolean complete(Handle h, long id, String outputHash, String reportJson, String device, long wallMs) {
        return h.createUpdate("""
                        UPDATE protection SET output_hash = ?, report = ?, device = ?, wall_ms = ?
                        WHERE id = ? AND output_hash IS NULL""")
                .bind(0, outputHash).bind(1, reportJson).bind(2, device).bind(3, wallMs).bind(4, id).execute() > 0;
    }

    public static Optional<Protection> find(Handle h, long id) {
        return h.createQuery("SELECT * FROM protection WHERE id = ?").bind(0, id).mapTo(Protection.class).findOne();
    }

    /** The protection a {@code protect} job works on. */
    public static Optional<Protection> forJob(Handle h, long jobId) {
        return h.createQuery("SELECT * FROM protection WHERE job_id = ?").bind(0, jobId).mapTo(Protection.class).findOne();
    }

    public static List<Protection> recent(Handle h, int limit) {
        return h.createQuery("SELECT * FROM protection ORDER BY id DESC LIMIT ?").bind(0, limit)
                .mapTo(Protection.class).list();
    }

    public static List<Protection> batch(Handle h, String batch) {
        return h.createQuery("SELECT * FROM protection WHERE batch = ? ORDER BY id").bind(0, batch)
                .mapTo(Protection.class).list();
    }

    /** A finished protection with what the model sees of its original and its output (when computed). */
    public record Finished(long id, String sourceName, String concept, String sourceHash, String outputHash,
                           String seenSourceHash, String seenOutputHash, String createdAt) {
        public String title() {
            return sourceName.isBlank() ? "Artwork " + id : sourceName;
        }
    }

    /** Every finished protection, newest first; the views are the derived images of kind {@code seenKind}. */
    public static List<Finished> finished(Handle h, String seenKind) {
        return finished(h, "", List.of(), "DESC", seenKind);
    }

    /** The given finished protections, oldest first. */
    public static List<Finished> finished(Handle h, List<Long> ids, String seenKind) {
        return ids.isEmpty() ? List.of() : finished(h, "AND pr.id IN (<ids>)", ids, "ASC", seenKind);
    }

    private static List<Finished> finished(Handle h, String filter, List<Long> ids, String direction, String seenKind) {
        var query = h.createQuery("""
                SELECT pr.id, pr.source_name, coalesce(c.name, '') AS concept, pr.source_hash, pr.output_hash,
                       (SELECT d.hash FROM derived_image d WHERE d.source_hash = pr.source_hash AND d.kind = :seen) AS seen_source_hash,
                       (SELECT d.hash FROM derived_image d WHERE d.source_hash = pr.output_hash AND d.kind = :seen) AS seen_output_hash,
                       pr.created_at
                FROM protection pr LEFT JOIN concept c ON c.id = pr.concept_id
                WHERE pr.output_hash IS NOT NULL\s""" + filter + " ORDER BY pr.id " + direction)
                .bind("seen", seenKind);
        if (!ids.isEmpty()) {
            query.bindList("ids", ids);
        }
        return query.mapTo(Finished.class).list();
    }
}
