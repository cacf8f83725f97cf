package org.belladonna.gallery;

import org.belladonna.images.BadImageException;
import org.belladonna.store.ImageIntake;
import org.belladonna.store.ImageIntake.StoredImage;
import org.belladonna.store.Experiments;
import org.belladonna.store.Images;
import org.belladonna.store.ScoredImages;
import org.belladonna.store.Prompts;
import org.belladonna.store.Records.Experiment;
import org.belladonna.store.Records.Image;
import org.belladonna.store.Records.Prompt;
import org.belladonna.store.Store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
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

    /**
     * One row per prompt with up to {@code perVariant} hashes of each variant and means of {@code scoreModel}.
     * Three queries whatever the number of prompts: the prompts, grouped counts and means, the first images.
     */
    public List<PromptRow> promptRows(long experimentId, int perVariant, String scoreModel) {
        return store.read(h -> {
            Map<String, Images.VariantStat> stats = new HashMap<>();
            for (Images.VariantStat s : Images.variantStats(h, experimentId, scoreModel)) {
                stats.put(s.promptId() + "/" + s.variant(), s);
            }
            Map<String, List<String>> thumbs = new HashMap<>();
            for (Images.Thumb t : Images.firstPerVariant(h, experimentId, perVariant)) {
                thumbs.computeIfAbsent(t.promptId() + "/" + t.variant(), k -> new ArrayList<>()).add(t.hash());
            }
            List<PromptRow> rows = new ArrayList<>();
            for (Prompt p : Prompts.list(h, experimentId)) {
                Images.VariantStat before = stats.get(p.id() + "/before");
                Images.VariantStat after = stats.get(p.id() + "/after");
                rows.add(new PromptRow(p, before == null ? 0 : before.n(), after == null ? 0 : after.n(),
                        thumbs.getOrDefault(p.id() + "/before", List.of()), thumbs.getOrDefault(p.id() + "/after", List.of()),
                        before == null ? null : before.mean(), after == null ? null : after.mean()));
            }
            return rows;
        });
    }

    /** A prompt of the experiment; empty when the prompt belongs to another one. */
    public Optional<Prompt> prompt(long experimentId, long promptId) {
        return store.read(h -> Prompts.find(h, promptId)).filter(p -> p.experimentId() == experimentId);
    }

    /** One page of a prompt's images: {@code pageSize} of each variant by seed, and the counts. */
    public record PromptPage(List<Image> before, List<Image> after, int nBefore, int nAfter, int pairs) {
    }

    public PromptPage promptPage(long promptId, int page, int pageSize) {
        int offset = page * pageSize;
        return store.read(h -> new PromptPage(Images.page(h, promptId, "before", pageSize, offset),
                Images.page(h, promptId, "after", pageSize, offset), Images.count(h, promptId, "before"),
                Images.count(h, promptId, "after"), Images.pairCount(h, promptId)));
    }

    /** One page of a prompt's images with one model's scores, each variant sorted and filtered alike. */
    public record ScoredPage(List<ScoredImages.Scored> before, List<ScoredImages.Scored> after, int nBefore, int nAfter,
                             int shownBefore, int shownAfter, int pairs) {
    }

    public ScoredPage scoredPage(long promptId, String model, ScoredImages.Order order, Double min, Double max,
                                 int page, int pageSize) {
        int offset = page * pageSize;
        return store.read(h -> new ScoredPage(
                ScoredImages.page(h, promptId, "before", model, order, min, max, pageSize, offset),
                ScoredImages.page(h, promptId, "after", model, order, min, max, pageSize, offset),
                Images.count(h, promptId, "before"), Images.count(h, promptId, "after"),
                ScoredImages.count(h, promptId, "before", model, min, max),
                ScoredImages.count(h, promptId, "after", model, min, max), Images.pairCount(h, promptId)));
    }

    /** One page of seed pairs with both scores, sorted and filtered by the change; and how many pass the filter. */
    public List<ScoredImages.ScoredPair> scoredPairs(long promptId, String model, ScoredImages.Order order, Double min,
                                                     Double max, int page, int pageSize) {
        return store.read(h -> ScoredImages.pairs(h, promptId, model, order, min, max, pageSize, page * pageSize));
    }

    public int scoredPairCount(long promptId, String model, Double min, Double max) {
        return store.read(h -> ScoredImages.pairCount(h, promptId, model, min, max));
    }

    /** Before/after pairs with the same seed, for the comparison view. */
    public List<Images.Pair> pairs(long promptId, int page, int pageSize) {
        return store.read(h -> Images.pairs(h, promptId, pageSize, page * pageSize));
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
