package org.belladonna.store;

import org.belladonna.store.Records.Job;
import org.jdbi.v3.core.Handle;

import java.util.List;
import java.util.Optional;

/**
 * Table {@code job}: one row per background job, the record the pages show (JobRunr's own tables decide who
 * runs it). A job moves queued -> running -> done | failed | cancelled; a running job whose host died is
 * started again from running.
 */
public final class Jobs {
    private Jobs() {
    }

    public static long enqueue(Handle h, String kind, String payloadJson) {
        return h.createUpdate("INSERT INTO job (kind, payload) VALUES (?, ?)").bind(0, kind).bind(1, payloadJson)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    /** Sets the payload of a job enqueued earlier in the same transaction, once the rows it names exist. */
    public static void setPayload(Handle h, long id, String payloadJson) {
        h.createUpdate("UPDATE job SET payload = ? WHERE id = ?").bind(0, payloadJson).bind(1, id).execute();
    }


    public static void progress(Handle h, long id, double fraction, String message) {
        h.createUpdate("UPDATE job SET progress = ?, message = ? WHERE id = ? AND state = 'running'")
                .bind(0, Math.max(0, Math.min(1, fraction))).bind(1, message).bind(2, id).execute();
    }

    public static void finish(Handle h, long id, String resultJson) {
        h.createUpdate("UPDATE job SET state = 'done', progress = 1, result = ?, finished_at = ? WHERE id = ?")
                .bind(0, resultJson).bind(1, Timestamps.millis()).bind(2, id).execute();
    }

    public static void fail(Handle h, long id, String error) {
        h.createUpdate("UPDATE job SET state = 'failed', error = ?, finished_at = ? WHERE id = ?")
                .bind(0, error).bind(1, Timestamps.millis()).bind(2, id).execute();
    }

    public static void markCancelled(Handle h, long id) {
        h.createUpdate("UPDATE job SET state = 'cancelled', finished_at = ? WHERE id = ?")
                .bind(0, Timestamps.millis()).bind(1, id).execute();
    }

    /** Asks a job to stop: a queued job is cancelled at once, a running one at its next check. */
    public static boolean requestCancel(Handle h, long id) {
        int queued = h.createUpdate("UPDATE job SET state = 'cancelled', cancel_requested = TRUE, finished_at = ? "
                + "WHERE id = ? AND state = 'queued'").bind(0, Timestamps.millis()).bind(1, id).execute();
        int running = h.createUpdate("UPDATE job SET cancel_requested = TRUE WHERE id = ? AND state = 'running'")
                .bind(0, id).execute();
        return queued + running > 0;
    }

    public static boolean cancelRequested(Handle h, long id) {
        return h.createQuery("SELECT cancel_requested FROM job WHERE id = ?").bind(0, id).mapTo(Boolean.class).one();
    }


    /** A text field of the payloads of jobs of a kind that have not finished (queued or running). */
    public static List<String> unfinishedPayloadValues(Handle h, String kind, String field) {
        return h.createQuery("SELECT " + payloadField(h) + " FROM job WHERE kind = ? AND state IN ('queued', 'running')")
                .bind(0, field).bind(1, kind).mapTo(String.class).list();
    }

    public static Optional<Job> find(Handle h, long id) {
        return h.createQuery("SELECT * FROM job WHERE id = ?").bind(0, id).mapTo(Job.class).findOne();
    }

    public static List<Job> recent(Handle h, String kind, int limit) {
        return h.createQuery("SELECT * FROM job WHERE kind = ? ORDER BY id DESC LIMIT ?").bind(0, kind).bind(1, limit)
                .mapTo(Job.class).list();
    }

    /**
     * The newest job of a kind whose JSON payload has {@code field} = {@code value} (a number or text), e.g.
     * the last scoring of an experiment or the last model's-eye view of an image.
     */
    public static Optional<Job> latestFor(Handle h, String kind, String field, Object value) {
        // SQLite's json_extract gives a JSON number as a number, PostgreSQL's ->> gives every field as text.
        Object compared = Vendor.of(h) == Vendor.POSTGRESQL ? String.valueOf(value) : value;
        return h.createQuery("SELECT * FROM job WHERE kind = ? AND " + payloadField(h) + " = ? ORDER BY id DESC LIMIT 1")
                .bind(0, kind).bind(1, field).bind(2, compared).mapTo(Job.class).findOne();
    }

    /** The payload's top-level field named by the next parameter, as each database reads JSON kept as text. */
    private static String payloadField(Handle h) {
        return Vendor.of(h) == Vendor.POSTGRESQL ? "(CAST(payload AS jsonb) ->> ?)" : "json_extract(payload, '$.' || ?)";
    }

    /**
     * Marks a job running for one more attempt, unless it ended or was cancelled meanwhile (then empty: do
     * not run it). A running row is taken too: that is a retry after the host running it died.
     */
    public static Optional<Job> start(Handle h, long id) {
        return h.createQuery("""
                        UPDATE job SET state = 'running', attempts = attempts + 1, started_at = :now, error = NULL, progress = 0
                        WHERE id = :id AND state IN ('queued', 'running') AND cancel_requested = FALSE
                        RETURNING *""")
                .bind("now", Timestamps.millis()).bind("id", id).mapTo(Job.class).findOne();
    }

    /** Jobs not finished yet (queued or running), oldest first: what a starting server makes sure is queued. */
    public static List<Job> unfinished(Handle h) {
        return h.createQuery("SELECT * FROM job WHERE state IN ('queued', 'running') ORDER BY id").mapTo(Job.class).list();
    }

    /** The queued jobs of these kinds, oldest first. */
    public static List<Long> queued(Handle h, List<String> kinds) {
        return h.createQuery("SELECT id FROM job WHERE state = 'queued' AND kind IN (<kinds>) ORDER BY id")
                .bindList("kinds", kinds).mapTo(Long.class).list();
    }
}
