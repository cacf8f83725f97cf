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

    public static List<Protection> recent(Handle h, int limit) {
        return h.createQuery("SELECT * FROM protection ORDER BY id DESC LIMIT ?").bind(0, limit)
                .mapTo(Protection.class).list();
    }

    public static List<Protection> batch(Handle h, String batch) {
        return h.createQuery("SELECT * FROM protection WHERE batch = ? ORDER BY id").bind(0, batch)
                .mapTo(Protection.class).list();
    }
}
