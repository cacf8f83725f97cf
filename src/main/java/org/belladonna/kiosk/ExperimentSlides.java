package org.belladonna.kiosk;

import org.belladonna.kiosk.Playlist.Frame;
import org.belladonna.kiosk.Playlist.Slide;
import org.belladonna.store.Experiments;
import org.belladonna.store.Images;
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

    static List<Slide> of(Handle h, long experimentId, Predicate<String> stored) {
        Experiment experiment = Experiments.find(h, experimentId).orElse(null);
        if (experiment == null) {
            return List.of();
        }
        List<String> models = Scores.modelsOf(h, experimentId);
        String model = models.isEmpty() ? null : models.get(0);
        Map<String, Images.VariantStat> means = model == null ? Map.of() : means(h, experimentId, model);
        String heading = experiment.concept().isBlank() ? experiment.name()
                : experiment.name() + " · poisoned concept: " + experiment.concept();
        List<Slide> slides = new ArrayList<>();
        for (Images.ShowcasePair p : Images.showcasePairs(h, experimentId)) {
            if (!stored.test(p.beforeHash()) || !stored.test(p.afterHash())) {
                continue;
            }
            Images.VariantStat before = means.get(p.promptId() + "/before");
            Images.VariantStat after = means.get(p.promptId() + "/after");
            slides.add(new Slide("prompt:" + p.promptId(), "experiment", heading, p.text(),
                    p.related() ? "about the poisoned concept" : "control prompt",
                    before == null && after == null ? null : model,
                    List.of(frame("Before poisoning", p.beforeHash(), p.beforeSeed(), p.afterSeed(), before),
                            frame("After poisoning", p.afterHash(), p.afterSeed(), p.beforeSeed(), after))));
        }
        return slides;
    }

    private static Frame frame(String label, String hash, Long seed, Long otherSeed, Images.VariantStat mean) {
        String note = seed == null ? "" : (seed.equals(otherSeed) ? "same seed " : "seed ") + seed;
        return Frame.scored(label, note, hash, mean == null ? null : mean.mean(), mean == null ? null : mean.scored());
    }

    /** Mean score per prompt and variant over the scored images, keyed "promptId/variant"; unscored ones are left out. */
    private static Map<String, Images.VariantStat> means(Handle h, long experimentId, String model) {
        Map<String, Images.VariantStat> means = new HashMap<>();
        for (Images.VariantStat s : Images.variantStats(h, experimentId, model)) {
            if (s.scored() > 0) {
                means.put(s.promptId() + "/" + s.variant(), s);
            }
        }
        return means;
    }
}
