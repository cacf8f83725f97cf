package org.belladonna.kiosk;

import org.belladonna.kiosk.Playlist.Frame;
import org.belladonna.kiosk.Playlist.Slide;
import org.belladonna.store.Experiments;
import org.belladonna.store.Records.Experiment;
import org.belladonna.store.Scores;
import org.jdbi.v3.core.Handle;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One slide per prompt of an experiment: a before image and an after image, of the same seed when the
 * prompt has one in both variants (so the viewer sees what poisoning changed, not what the seed did),
 * with the prompt's mean score per variant by the experiment's most used scoring model.
 */
final class ExperimentSlides {
    private ExperimentSlides() {
    }

    private record Pair(long promptId, String text, boolean related, String beforeHash, Long beforeSeed,
                        String afterHash, Long afterSeed) {
    }

    private record Mean(long promptId, String variant, double mean, int n) {
    }

    static List<Slide> of(Handle h, long experimentId, Predicate<String> stored) {
        Experiment experiment = Experiments.find(h, experimentId).orElse(null);
        if (experiment == null) {
            return List.of();
        }
        List<String> models = Scores.modelsOf(h, experimentId);
        String model = models.isEmpty() ? null : models.get(0);
        Map<String, Mean> means = model == null ? Map.of() : means(h, experimentId, model);
        String heading = experiment.concept().isBlank() ? experiment.name()
                : experiment.name() + " · poisoned concept: " + experiment.concept();
        List<Slide> slides = new ArrayList<>();
        for (Pair p : pairs(h, experimentId)) {
            if (!stored.test(p.beforeHash()) || !stored.test(p.afterHash())) {
                continue;
            }
            Mean before = means.get(p.promptId() + "/before");
            Mean after = means.get(p.promptId() + "/after");
            slides.add(new Slide("prompt:" + p.promptId(), "experiment", heading, p.text(),
                    p.related() ? "about the poisoned concept" : "control prompt",
                    before == null && after == null ? null : model,
                    List.of(frame("Before poisoning", p.beforeHash(), p.beforeSeed(), p.afterSeed(), before),
                            frame("After poisoning", p.afterHash(), p.afterSeed(), p.beforeSeed(), after))));
        }
        return slides;
    }

    private static Frame frame(String label, String hash, Long seed, Long otherSeed, Mean mean) {
        String note = seed == null ? "" : (seed.equals(otherSeed) ? "same seed " : "seed ") + seed;
        return Frame.scored(label, note, hash, mean == null ? null : mean.mean(), mean == null ? null : mean.n());
    }

    /**
     * The first image of each variant per prompt, preferring the smallest seed both variants share; prompts
     * missing either variant have nothing to compare and are left out.
     */
    private static List<Pair> pairs(Handle h, long experimentId) {
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
                .bind("experiment", experimentId)
                .map((rs, ctx) -> new Pair(rs.getLong("prompt_id"), rs.getString("text"), rs.getBoolean("related"),
                        rs.getString("before_hash"), seed(rs, "before_seed"),
                        rs.getString("after_hash"), seed(rs, "after_seed")))
                .list();
    }

    private static Long seed(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        long seed = rs.getLong(column);
        return rs.wasNull() ? null : seed;
    }

    /** Mean score per prompt and variant, keyed "promptId/variant". */
    private static Map<String, Mean> means(Handle h, long experimentId, String model) {
        Map<String, Mean> means = new HashMap<>();
        h.createQuery("""
                        SELECT i.prompt_id, i.variant, avg(s.mean) AS mean, count(*) AS n
                        FROM score s JOIN image i ON i.id = s.image_id JOIN prompt p ON p.id = i.prompt_id
                        WHERE p.experiment_id = ? AND s.model_id = ?
                        GROUP BY i.prompt_id, i.variant""")
                .bind(0, experimentId).bind(1, model)
                .map((rs, ctx) -> new Mean(rs.getLong("prompt_id"), rs.getString("variant"), rs.getDouble("mean"), rs.getInt("n")))
                .forEach(m -> means.put(m.promptId() + "/" + m.variant(), m));
        return means;
    }
}
