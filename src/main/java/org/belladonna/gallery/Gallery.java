package org.belladonna.gallery;

import org.belladonna.images.BadImageException;
import org.belladonna.images.ImageIntake;
import org.belladonna.images.ImageIntake.StoredImage;
import org.belladonna.store.Experiments;
import org.belladonna.store.Images;
import org.belladonna.store.Prompts;
import org.belladonna.store.Records.Experiment;
import org.belladonna.store.Records.Prompt;
import org.belladonna.store.Store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Experiments, their prompts and before/after images: the service both the CLI and the web call. */
public final class Gallery {
    private final Store store;
    private final ImageIntake intake;

    public Gallery(Store store, ImageIntake intake) {
        this.store = store;
        this.intake = intake;
    }

    /** One image to add to an experiment. */
    public record NewImage(String prompt, Boolean related, String variant, Long seed, String sourceName,
                           String metadataJson, byte[] bytes) {
    }

    /** A prompt row of the experiment page: counts, first images and mean scores per variant. */
    public record PromptRow(Prompt prompt, int nBefore, int nAfter, List<String> beforeHashes, List<String> afterHashes,
                            Double meanBefore, Double meanAfter) {
        public Double changePercent() {
            return meanBefore == null || meanAfter == null || meanBefore == 0 ? null
                    : 100.0 * (meanAfter - meanBefore) / meanBefore;
        }
    }

    public long createExperiment(String name, String description, String concept) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an experiment needs a name");
        }
        return store.write(h -> Experiments.create(h, name, description == null ? "" : description,
                concept == null ? "" : concept));
    }

    /**
     * Adds images in one transaction: every file is decoded and stored first, then all rows are written
     * together, so a bad image leaves nothing behind. Returns how many were new.
     */
    public int addImages(long experimentId, List<NewImage> images) throws BadImageException {
        List<StoredImage> stored = new ArrayList<>(images.size());
        for (NewImage image : images) {
            stored.add(intake.accept(image.bytes()));
        }
        return store.write(h -> {
            Experiments.find(h, experimentId).orElseThrow(() -> new IllegalArgumentException("no experiment " + experimentId));
            int added = 0;
            for (int i = 0; i < images.size(); i++) {
                NewImage image = images.get(i);
                ImageIntake.register(h, stored.get(i));
                long promptId = Prompts.ensure(h, experimentId, image.prompt(), image.related());
                added += Images.add(h, promptId, stored.get(i).hash(), image.variant(), image.seed(),
                        image.sourceName(), image.metadataJson()) ? 1 : 0;
            }
            return added;
        });
    }

    public Optional<Experiment> experiment(long id) {
        return store.read(h -> Experiments.find(h, id));
    }

    public List<Experiments.Summary> experiments() {
        return store.read(Experiments::list);
    }

    /** One row per prompt with up to {@code perVariant} hashes of each variant and means of {@code scoreModel}. */
    public List<PromptRow> promptRows(long experimentId, int perVariant, String scoreModel) {
        return store.read(h -> {
            List<PromptRow> rows = new ArrayList<>();
            for (Prompt p : Prompts.list(h, experimentId)) {
                rows.add(new PromptRow(p, Images.count(h, p.id(), "before"), Images.count(h, p.id(), "after"),
                        hashes(h, p.id(), "before", perVariant), hashes(h, p.id(), "after", perVariant),
                        mean(h, p.id(), "before", scoreModel), mean(h, p.id(), "after", scoreModel)));
            }
            return rows;
        });
    }

    private static List<String> hashes(org.jdbi.v3.core.Handle h, long promptId, String variant, int limit) {
        return Images.page(h, promptId, variant, limit, 0).stream().map(i -> i.hash()).toList();
    }

    private static Double mean(org.jdbi.v3.core.Handle h, long promptId, String variant, String model) {
        if (model == null) {
            return null;
        }
        return h.createQuery("""
                        SELECT avg(s.mean) FROM score s JOIN image i ON i.id = s.image_id
                        WHERE i.prompt_id = ? AND i.variant = ? AND s.model_id = ?""")
                .bind(0, promptId).bind(1, variant).bind(2, model).mapTo(Double.class).findOne().orElse(null);
    }

    /** Deletes the experiment's rows in one transaction, then the files nothing else uses. */
    public boolean deleteExperiment(long id) {
        boolean deleted = store.write(h -> Experiments.delete(h, id));
        if (deleted) {
            store.collectGarbage();
        }
        return deleted;
    }
}
