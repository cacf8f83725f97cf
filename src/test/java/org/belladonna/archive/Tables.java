package org.belladonna.archive;

import org.belladonna.store.Store;

import java.util.ArrayList;
import java.util.List;

/** An experiment's rows as text, without ids or timestamps, to compare two instances or two imports. */
final class Tables {
    private Tables() {
    }

    static List<String> dump(Store store, long experimentId) {
        return store.read(h -> {
            List<String> lines = new ArrayList<>();
            lines.addAll(h.createQuery("SELECT 'experiment|' || name || '|' || description || '|' || concept FROM experiment WHERE id = ?")
                    .bind(0, experimentId).mapTo(String.class).list());
            lines.addAll(h.createQuery("SELECT 'prompt|' || position || '|' || text || '|' || related FROM prompt WHERE experiment_id = ? ORDER BY position")
                    .bind(0, experimentId).mapTo(String.class).list());
            lines.addAll(h.createQuery("""
                    SELECT 'image|' || p.text || '|' || i.variant || '|' || coalesce(i.seed, '') || '|' || i.hash || '|' || i.source_name
                           || '|' || i.metadata || '|' || f.format || '|' || f.width || 'x' || f.height || '|' || f.byte_size
                    FROM image i JOIN prompt p ON p.id = i.prompt_id JOIN image_file f ON f.hash = i.hash
                    WHERE p.experiment_id = ? ORDER BY p.position, i.variant, i.seed, i.hash""")
                    .bind(0, experimentId).mapTo(String.class).list());
            lines.addAll(h.createQuery("""
                    SELECT 'score|' || p.text || '|' || i.variant || '|' || i.hash || '|' || s.model_id || '|' || s.model_version
                           || '|' || printf('%.17g', s.mean) || '|' || coalesce(printf('%.17g', s.std), '') || '|' || coalesce(s.distribution, '')
                    FROM score s JOIN image i ON i.id = s.image_id JOIN prompt p ON p.id = i.prompt_id
                    WHERE p.experiment_id = ? ORDER BY p.position, i.variant, i.hash, s.model_id""")
                    .bind(0, experimentId).mapTo(String.class).list());
            return lines;
        });
    }
}
