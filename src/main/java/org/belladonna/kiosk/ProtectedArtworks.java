package org.belladonna.kiosk;

import org.belladonna.artworks.SeenImages;
import org.jdbi.v3.core.Handle;

import java.util.List;

/**
 * Finished protections (table {@code protection} rows with an output) as the show needs them: the
 * original, the protected copy, and what the TAEF2 encoder sees in each ({@code derived_image}), when that
 * was computed.
 */
public final class ProtectedArtworks {
    private ProtectedArtworks() {
    }

    public record Artwork(long id, String sourceName, String concept, String sourceHash, String outputHash,
                          String seenSourceHash, String seenOutputHash, String createdAt) {
        public String title() {
            return sourceName.isBlank() ? "Artwork " + id : sourceName;
        }
    }

    /** Every finished protection, newest first (for the settings page). */
    public static List<Artwork> all(Handle h) {
        return query(h, "", List.of(), "DESC");
    }

    /** The given finished protections, oldest first (for the show). */
    static List<Artwork> withIds(Handle h, List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return query(h, "AND pr.id IN (<ids>)", ids, "ASC");
    }

    private static List<Artwork> query(Handle h, String filter, List<Long> ids, String direction) {
        var query = h.createQuery("""
                SELECT pr.id, pr.source_name, coalesce(c.name, '') AS concept, pr.source_hash, pr.output_hash,
                       (SELECT d.hash FROM derived_image d WHERE d.source_hash = pr.source_hash AND d.kind = :seen) AS seen_source,
                       (SELECT d.hash FROM derived_image d WHERE d.source_hash = pr.output_hash AND d.kind = :seen) AS seen_output,
                       pr.created_at
                FROM protection pr LEFT JOIN concept c ON c.id = pr.concept_id
                WHERE pr.output_hash IS NOT NULL\s""" + filter + " ORDER BY pr.id " + direction)
                .bind("seen", SeenImages.KIND);
        if (!ids.isEmpty()) {
            query.bindList("ids", ids);
        }
        return query.map((rs, ctx) -> new Artwork(rs.getLong("id"), rs.getString("source_name"), rs.getString("concept"),
                rs.getString("source_hash"), rs.getString("output_hash"), rs.getString("seen_source"),
                rs.getString("seen_output"), rs.getString("created_at"))).list();
    }
}
