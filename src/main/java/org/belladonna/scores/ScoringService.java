package org.belladonna.scores;

import org.belladonna.nima.InstalledScorer;
import org.belladonna.nima.NimaScore;
import org.belladonna.nima.NimaScorer;
import org.belladonna.nima.ScorerInput;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.belladonna.images.BadImageException;
import org.belladonna.models.ModelRegistry;
import org.belladonna.jobs.BackgroundJobs;
import org.belladonna.progress.Progress;
import org.belladonna.store.Experiments;
import org.belladonna.store.Records.Job;
import org.belladonna.store.Images;
import org.belladonna.store.Records.Image;
import org.belladonna.store.Scores;
import org.belladonna.store.Store;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Scores an experiment's images with NIMA and stores one score per image and model: the one path behind
 * the {@code score} command and the web's score job. Scores are stored a batch per transaction, so a run
 * that stops part-way keeps what it finished and {@link #coverage} says exactly how much that is.
 */
public final class ScoringService {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Phase name of the scoring itself, in images. */
    static final String SCORING = "scoring";

    private final Store store;
    private final ModelRegistry models;
    private final BackgroundJobs jobs;

    /** Registers the score job's handler with the queue. */
    public ScoringService(Store store, ModelRegistry models, BackgroundJobs jobs) {
        this.store = store;
        this.models = models;
        this.jobs = jobs;
        jobs.register(ScoreJob.TYPE, new ScoreJob(this));
    }

    /** Queues a scoring with the default scorer (MobileNet); see {@link #submit(long, ScorerChoice)}. */
    public long submit(long experimentId) {
        return submit(experimentId, ScorerChoice.DEFAULT);
    }

    /** Queues a scoring of the experiment with the chosen scorer unless one is already queued or running; returns that job's id. */
    public long submit(long experimentId, ScorerChoice scorer) {
        Optional<Job> active = latestJob(experimentId).filter(j -> !j.finished());
        if (active.isPresent()) {
            return active.get().id();
        }
        return jobs.submit(ScoreJob.TYPE, new ScoreJob.Payload(experimentId, scorer.modelId(),
                NimaScorer.DEFAULT_BATCH_SIZE));
    }

    /** The experiment's most recent score job, finished or not. */
    public Optional<Job> latestJob(long experimentId) {
        return jobs.latest(ScoreJob.TYPE, "experimentId", experimentId);
    }

    /** Runs the queued score jobs here and now, on the calling thread. */
    public void drainJobs() throws InterruptedException {
        jobs.drain(ScoreJob.TYPE);
    }

    /** Whether NIMA can score here; if not, why, and the command that fixes it. */
    public record Readiness(boolean ready, String problem, String installCommand) {
    }

    /** One model's share of an experiment: "scored 120 of 400". */
    public record Coverage(String modelId, int scored, int total, int imported) {
        public boolean complete() {
            return total > 0 && scored == total;
        }
    }

    /** What a run stored: images scored of the experiment's total, and the weights' pin. */
    public record Run(int scored, int total, String modelVersion) {
    }

    /** Readiness of the default scorer. */
    public Readiness readiness() throws IOException {
        return readiness(ScorerChoice.DEFAULT);
    }

    /** Whether this scorer's weights are installed and verified; if not, why and the command that fixes it. */
    public Readiness readiness(ScorerChoice scorer) throws IOException {
        ModelRegistry.Entry entry = models.status(scorer.modelId());
        String name = scorer.kind().displayName();
        return switch (entry.status()) {
            case INSTALLED -> new Readiness(true, null, null);
            case MISSING -> new Readiness(false, "The " + name + " weights (" + entry.model().file() + ") are not installed.",
                    entry.installCommand());
            case CORRUPT -> new Readiness(false, "The " + name + " weights file " + entry.file()
                    + (entry.unpinned() ? " does not match the SHA-256 recorded when it was installed." : " does not match its pin."),
                    entry.installCommand() + " --force");
        };
    }

    /** Every model with a score in the experiment, against the experiment's image count. */
    public List<Coverage> coverage(long experimentId) {
        return store.read(h -> {
            int total = Images.ofExperiment(h, experimentId).size();
            return Scores.coverage(h, experimentId).stream()
                    .map(c -> new Coverage(c.modelId(), c.scored(), total, c.imported())).toList();
        });
    }

    /** One page of {@link #coverage(long)}: pages list a bounded number of models whatever was imported. */
    public List<Coverage> coverage(long experimentId, int offset, int limit) {
        return store.read(h -> {
            int total = Images.ofExperiment(h, experimentId).size();
            return Scores.coverage(h, experimentId, offset, limit).stream()
                    .map(c -> new Coverage(c.modelId(), c.scored(), total, c.imported())).toList();
        });
    }

    /** How many models scored images of the experiment. */
    public int modelCount(long experimentId) {
        return store.read(h -> Scores.modelCount(h, experimentId));
    }

    public int imageCount(long experimentId) {
        return store.read(h -> Images.ofExperiment(h, experimentId).size());
    }

    /**
     * Scores every image of the experiment with the installed, pin-checked NIMA weights. Nothing is stored
     * unless the weights load; identical files (the same hash under several prompts) are scored once.
     *
     * @throws org.belladonna.models.ModelMissingException when the weights are missing or corrupt
     * @throws IllegalArgumentException for an unknown experiment or a model this studio cannot compute
     */
    public Run scoreExperiment(long experimentId, String modelId, int batchSize, Progress progress) throws IOException {
        requireComputable(modelId);
        if (batchSize < 1) {
            throw new IllegalArgumentException("the batch size must be at least 1, not " + batchSize);
        }
        List<Image> images = store.read(h -> {
            Experiments.find(h, experimentId).orElseThrow(() -> new IllegalArgumentException("there is no experiment " + experimentId));
            return Images.ofExperiment(h, experimentId);
        });
        Map<String, List<Long>> idsByHash = new LinkedHashMap<>();
        for (Image image : images) {
            idsByHash.computeIfAbsent(image.hash(), k -> new ArrayList<>()).add(image.id());
        }
        try (InstalledScorer scorer = InstalledScorer.load(models, modelId, batchSize)) {
            List<String> hashes = new ArrayList<>(idsByHash.keySet());
            int done = 0;
            for (int from = 0; from < hashes.size(); from += batchSize) {
                List<String> batch = hashes.subList(from, Math.min(hashes.size(), from + batchSize));
                List<NimaScore> scores = scorer.score(decode(batch));
                done += store.write(h -> {
                    int stored = 0;
                    for (int i = 0; i < batch.size(); i++) {
                        NimaScore score = scores.get(i);
                        for (long imageId : idsByHash.get(batch.get(i))) {
                            Scores.put(h, imageId, modelId, scorer.modelVersion(), score.mean(), score.std(),
                                    distributionJson(score), false);
                            stored++;
                        }
                    }
                    return stored;
                });
                progress.update(SCORING, done, images.size());
                progress.checkCancelled();
            }
            return new Run(done, images.size(), scorer.modelVersion());
        }
    }

    /** The scorers of {@link ScorerChoice} run here; other models' scores come in through {@link ScoreImport}. */
    public static void requireComputable(String modelId) {
        if (ScorerChoice.kindOfModelId(modelId) == null) {
            throw new IllegalArgumentException("'" + modelId + "' cannot be computed here (scorers: " + ScorerChoice.names()
                    + "); import scores made elsewhere with import-scores");
        }
    }

    private List<BufferedImage> decode(List<String> hashes) throws IOException {
        List<BufferedImage> decoded = new ArrayList<>(hashes.size());
        for (String hash : hashes) {
            try {
                // The file's own samples, ICC profile ignored, as the upstream PIL/Keras pipelines saw them.
                decoded.add(ScorerInput.decode(store.files().read(hash)));
            } catch (BadImageException e) {
                throw new IOException("stored image " + hash + " cannot be decoded: " + e.getMessage(), e);
            }
        }
        return decoded;
    }

    static String distributionJson(NimaScore score) {
        try {
            return JSON.writeValueAsString(score.distribution());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
