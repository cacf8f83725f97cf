package org.belladonna.archive;

import org.belladonna.store.Store;

import java.util.ArrayList;
import java.util.List;

/** An experiment's rows as text, without ids or timestamps, to compare two instances or two imports. */
final class Tables {
    private Tables() {
    }

    /** Rows read as plain columns and joined here, so the text is the same on SQLite and PostgreSQL; doubles exactly. */
    static List<String> dump(Store store, long experimentId) {
        return store.read(h -> {
            List<String> lines = new ArrayList<>();
            lines.addAll(h.createQuery("SELECT name, description, concept FROM experiment WHERE id = ?")
                    .bind(0, experimentId).map((rs, ctx) -> String.join("|", "experiment", rs.getString(1), rs.getString(2),
                            rs.getString(3))).list());
            lines.addAll(h.createQuery("SELECT position, text, related FROM prompt WHERE experiment_id = ? ORDER BY position")
                    .bind(0, experimentId).map((rs, ctx) -> String.join("|", "prompt", rs.getString(1), rs.getString(2),
                            rs.getBoolean(3) ? "1" : "0")).list());
            lines.addAll(h.createQuery("""
                    SELECT p.text, i.variant, i.seed, i.hash, i.source_name, i.metadata, f.format, f.width, f.height, f.byte_size
                    FROM image i JOIN prompt p ON p.id = i.prompt_id JOIN image_file f ON f.hash = i.hash
                    WHERE p.experiment_id = ? ORDER BY p.position, i.variant, i.seed NULLS FIRST, i.hash""")
                    .bind(0, experimentId).map((rs, ctx) -> String.join("|", "image", rs.getString(1), rs.getString(2),
                            rs.getObject(3) == null ? "" : Long.toString(rs.getLong(3)), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.getInt(8) + "x" + rs.getInt(9), Long.toString(rs.getLong(10)))).list());
            lines.addAll(h.createQuery("""
                    SELECT p.text, i.variant, i.hash, s.model_id, s.model_version, s.mean, s.std, s.distribution
                    FROM score s JOIN image i ON i.id = s.image_id JOIN prompt p ON p.id = i.prompt_id
                    WHERE p.experiment_id = ? ORDER BY p.position, i.variant, i.hash, s.model_id""")
                    .bind(0, experimentId).map((rs, ctx) -> String.join("|", "score", rs.getString(1), rs.getString(2),
                            rs.getString(3), rs.getString(4), rs.getString(5), Double.toString(rs.getDouble(6)),
                            rs.getObject(7) == null ? "" : Double.toString(rs.getDouble(7)),
                            rs.getString(8) == null ? "" : rs.getString(8))).list());
            return lines;
        });
    }
}
