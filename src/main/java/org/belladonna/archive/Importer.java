package org.belladonna.archive;

import org.belladonna.archive.ImportPlan.Item;
import org.belladonna.archive.ImportPlan.ScoreItem;
import org.belladonna.images.BadImageException;
import org.belladonna.images.ImageDecoder;
import org.belladonna.images.ImageDecoder.DecodedImage;
import org.belladonna.store.ImageIntake;
import org.belladonna.store.ImageIntake.StoredImage;
import org.belladonna.jobs.BackgroundJobs;
import org.belladonna.progress.Progress;
import org.belladonna.scores.ScoreImport;
import org.belladonna.store.ExperimentImports;
import org.belladonna.store.Experiments;
import org.belladonna.store.Records.Job;
import org.belladonna.store.ImageStore;
import org.belladonna.store.Images;
import org.belladonna.store.Prompts;
import org.belladonna.store.Records.Experiment;
import org.belladonna.store.Records.Prompt;
import org.belladonna.store.Records.Score;
import org.belladonna.store.Scores;
import org.belladonna.store.Store;
import org.jdbi.v3.core.Handle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Imports a folder or ZIP of generated images into an experiment, all or nothing:
 * <ol>
 *   <li>the source is opened (names, links, sizes checked) and its layout read;</li>
 *   <li>every image is decoded once; any refusal stops here, with nothing written;</li>
 *   <li>the files go into the content-addressed store (a crash here leaves only unreferenced files, which
 *       {@code gc} sweeps);</li>
 *   <li>all rows (experiment, prompts, images, scores) are written in one transaction.</li>
 * </ol>
 * The CLI's {@code import} and the web's upload job both call {@link #run}.
 */
public final class Importer {
    /** The phases of an import, in order: decoding every image, writing the files, writing the rows. */
    public static final String CHECKING = "checking images";
    public static final String STORING = "storing files";
    public static final String SAVING = "saving rows";

    private final Store store;
    private final ImageDecoder decoder;
    private final ArchiveLimits limits;
    private final BackgroundJobs jobs;
    private final Path incoming;

    /** Registers the import job's handler with the queue; uploads wait under {@code <data>/incoming/}. */
    public Importer(Store store, ImageDecoder decoder, ArchiveLimits limits, BackgroundJobs jobs) {
        this.store = store;
        this.decoder = decoder;
        this.limits = limits;
        this.jobs = jobs;
        this.incoming = store.dataDir().resolve("incoming");
        jobs.register(ImportJob.TYPE, new ImportJob(this, incoming));
    }

    /** Where an upload is saved before its job is queued. */
    public Path newUpload() throws IOException {
        Files.createDirectories(incoming);
        return Files.createTempFile(incoming, "upload-", ".zip");
    }

    /** The folder uploads wait in until their import job has run. */
    public Path incoming() {
        return incoming;
    }

    /** Uploads that a queued or running import job still needs (absolute, normalised). */
    public java.util.Set<Path> pendingUploads() {
        return store.read(h -> org.belladonna.store.Jobs.unfinishedPayloadValues(h, ImportJob.TYPE.name(), "file")).stream()
                .filter(java.util.Objects::nonNull).map(f -> Path.of(f).toAbsolutePath().normalize())
                .collect(java.util.stream.Collectors.toSet());
    }

    /**
     * Queues the import of a saved upload ({@link #newUpload()}) into an experiment given by id, or by name
     * (created when missing), or as the archive names it when both are null; returns the job's id.
     */
    public long submitUpload(Path upload, String originalName, Long experimentId, String name, String concept) {
        return jobs.submit(ImportJob.TYPE, new ImportJob.Payload(upload.toString(), originalName, experimentId, name, concept));
    }

    /** An import job of this id, or empty. */
    public Optional<Job> job(long id) {
        return jobs.find(ImportJob.TYPE, id);
    }

    /**
     * Where to import: an existing experiment by id, or one by name (created when missing); with neither, the
     * name from the source's experiment.json or, failing that, the folder or file name.
     */
    public record Target(Long experimentId, String name, String concept) {
        public static Target byId(long id) {
            return new Target(id, null, null);
        }

        public static Target byName(String name) {
            return new Target(null, name, null);
        }

        public static Target fromSource() {
            return new Target(null, null, null);
        }

        public Target withConcept(String concept) {
            return new Target(experimentId, name, concept);
        }
    }

    private record Checked(String hash, String format, int width, int height, long size) {
    }

    public ImportSummary run(Path path, Target target, Progress progress) throws IOException, ImportRefusedException {
        return run(path, target, null, progress);
    }

    /** As {@link #run(Path, Target, Progress)}; {@code fallbackName} replaces the file name (an upload's temp name). */
    public ImportSummary run(Path path, Target target, String fallbackName, Progress progress)
            throws IOException, ImportRefusedException {
        try (ImportSource source = ImportSource.open(path, limits)) {
            String sourceName = fallbackName != null && !fallbackName.isBlank() ? fallbackName : source.displayName();
            ImportPlan plan = ImportLayout.plan(source);
            if (!plan.refused().isEmpty()) {
                throw new ImportRefusedException(plan.refused());
            }
            if (target.experimentId() != null && store.read(h -> Experiments.find(h, target.experimentId())).isEmpty()) {
                throw new ImportRefusedException("there is no experiment " + target.experimentId());
            }
            Map<String, Checked> checked = check(source, plan, progress);
            storeFiles(source, checked, progress);
            progress.update(SAVING, 0, 1);
            ImportSummary summary = store.write(h -> save(h, plan, checked, target, sourceName));
            progress.update(SAVING, 1, 1);
            return summary;
        }
    }

    /**
     * The cheap part of the checks, without decoding an image: names, links, declared sizes and the layout.
     * The web runs it before queueing an upload so a hostile archive is refused on the spot.
     */
    public void precheck(Path path) throws IOException, ImportRefusedException {
        try (ImportSource source = ImportSource.open(path, limits)) {
            ImportPlan plan = ImportLayout.plan(source);
            if (!plan.refused().isEmpty()) {
                throw new ImportRefusedException(plan.refused());
            }
        }
    }

    /** Decodes each distinct file once; collects every refusal so the user can fix them all in one go. */
    private Map<String, Checked> check(ImportSource source, ImportPlan plan, Progress progress)
            throws IOException, ImportRefusedException {
        List<String> files = plan.images().stream().map(Item::file).distinct().toList();
        Map<String, Checked> checked = new HashMap<>();
        List<String> refused = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            progress.checkCancelled();
            progress.update(CHECKING, i, files.size());
            String file = files.get(i);
            byte[] bytes = source.read(file);
            try {
                DecodedImage image = decoder.decode(bytes);
                checked.put(file, new Checked(ImageStore.sha256(bytes), image.format(), image.width(), image.height(), bytes.length));
            } catch (BadImageException e) {
                refused.add("'" + ImportSource.printable(file) + "' is not a usable image (" + e.getMessage() + ")");
            }
        }
        progress.update(CHECKING, files.size(), files.size());
        if (!refused.isEmpty()) {
            throw new ImportRefusedException(refused);
        }
        return checked;
    }

    private void storeFiles(ImportSource source, Map<String, Checked> checked, Progress progress)
            throws IOException, ImportRefusedException {
        int i = 0;
        for (Map.Entry<String, Checked> e : checked.entrySet()) {
            progress.checkCancelled();
            progress.update(STORING, i++, checked.size());
            if (store.files().contains(e.getValue().hash())) {
                continue;
            }
            byte[] bytes = source.read(e.getKey());
            // Read twice: a folder changed since it was checked must not slip unchecked bytes in.
            if (!ImageStore.sha256(bytes).equals(e.getValue().hash())) {
                throw new ImportRefusedException("'" + ImportSource.printable(e.getKey()) + "' changed during the import");
            }
            store.files().put(bytes);
        }
        progress.update(STORING, checked.size(), checked.size());
    }

    private ImportSummary save(Handle h, ImportPlan plan, Map<String, Checked> checked, Target target, String sourceName)
            throws ImportRefusedException {
        boolean[] created = {false};
        Experiment experiment = experiment(h, plan, target, sourceName, created);
        // Only models the experiment lacks count against the limit (ImportLayout held the file to it already).
        long newModels = plan.scores().stream().map(ScoreItem::modelId).distinct()
                .filter(m -> !Scores.hasModel(h, experiment.id(), m)).count();
        if (newModels > 0 && newModels + Scores.modelsOf(h, experiment.id(), ScoreImport.MAX_MODELS_PER_EXPERIMENT + 1).size()
                > ScoreImport.MAX_MODELS_PER_EXPERIMENT) {
            throw new ImportRefusedException("experiment '" + experiment.name() + "' would hold scores of more than "
                    + ScoreImport.MAX_MODELS_PER_EXPERIMENT + " models; nothing was imported");
        }
        Map<String, Prompt> existing = new LinkedHashMap<>();
        Prompts.list(h, experiment.id()).forEach(p -> existing.put(p.text(), p));
        Map<String, Long> promptIds = new HashMap<>();
        int promptsAdded = 0;
        List<String> ungrouped = new ArrayList<>();
        for (String text : plan.prompts()) {
            Boolean related = plan.groups().get(text);
            Prompt before = existing.get(text);
            promptIds.put(text, Prompts.ensure(h, experiment.id(), text, related));
            promptsAdded += before == null ? 1 : 0;
            if (related == null && before == null) {
                ungrouped.add(text);
            }
        }
        int added = 0;
        int skipped = 0;
        for (Item item : plan.images()) {
            Checked file = checked.get(item.file());
            ImageIntake.register(h, new StoredImage(file.hash(), file.format(), file.width(), file.height(), file.size()));
            boolean isNew = Images.add(h, promptIds.get(item.prompt()), file.hash(), item.variant(), item.seed(),
                    item.sourceName(), item.metadataJson());
            added += isNew ? 1 : 0;
            skipped += isNew ? 0 : 1;
        }
        int[] scores = saveScores(h, plan, checked, promptIds);
        ExperimentImports.add(h, experiment.id(), sourceName == null ? "" : sourceName, plan.manifest().file(),
                plan.manifest().sha256(), plan.experiment() == null ? "" : plan.experiment().scorer());
        List<String> warnings = new ArrayList<>();
        if (!ungrouped.isEmpty()) {
            warnings.add(ungrouped.size() + " new prompt(s) have no group and count as controls; mark them in prompts.csv"
                    + " (prompt,related|control) or on the manifest's group column.");
        }
        return new ImportSummary(experiment.id(), experiment.name(), created[0], promptsAdded, added, skipped,
                scores[0], scores[1], scores[2], plan.ignored(), warnings);
    }

    private Experiment experiment(Handle h, ImportPlan plan, Target target, String sourceName, boolean[] created) {
        Optional<Experiment> found;
        String name;
        String description = "";
        String concept = target.concept();
        if (target.experimentId() != null) {
            found = Experiments.find(h, target.experimentId());
            name = null;
        } else {
            name = target.name() != null ? target.name().strip()
                    : plan.experiment() != null ? plan.experiment().name() : sourceName;
            if (target.name() == null && plan.experiment() != null) {
                description = plan.experiment().description();
                concept = concept != null ? concept : plan.experiment().concept();
            }
            found = Experiments.findByName(h, name);
        }
        if (found.isPresent()) {
            if (target.concept() != null && !target.concept().equals(found.get().concept())) {
                Experiments.setConcept(h, found.get().id(), target.concept());
            }
            return Experiments.find(h, found.get().id()).orElseThrow();
        }
        if (name == null) {
            throw new IllegalStateException("experiment " + target.experimentId() + " vanished during the import");
        }
        created[0] = true;
        long id = Experiments.create(h, name, description, concept == null ? "" : concept);
        return Experiments.find(h, id).orElseThrow();
    }

    /** Returns {added, replaced, skipped}. Imported scores are flagged as such and keep their model id and version. */
    private static int[] saveScores(Handle h, ImportPlan plan, Map<String, Checked> checked, Map<String, Long> promptIds) {
        int[] counts = new int[3];
        Map<String, List<Item>> byFile = new HashMap<>();
        plan.images().forEach(i -> byFile.computeIfAbsent(i.file(), f -> new ArrayList<>()).add(i));
        for (ScoreItem s : plan.scores()) {
            for (Item item : byFile.getOrDefault(s.file(), List.of())) {
                if ((s.prompt() != null && !s.prompt().equals(item.prompt()))
                        || (s.variant() != null && !s.variant().equals(item.variant()))) {
                    continue;
                }
                long imageId = Images.idOf(h, promptIds.get(item.prompt()), item.variant(), checked.get(item.file()).hash()).orElseThrow();
                Optional<Score> old = Scores.find(h, imageId, s.modelId());
                if (old.isPresent() && same(old.get(), s)) {
                    counts[2]++;
                    continue;
                }
                Scores.put(h, imageId, s.modelId(), s.modelVersion(), s.mean(), s.std(), s.distributionJson(), true);
                counts[old.isPresent() ? 1 : 0]++;
            }
        }
        return counts;
    }

    private static boolean same(Score old, ScoreItem s) {
        return old.modelVersion().equals(s.modelVersion()) && old.mean() == s.mean() && Objects.equals(old.std(), s.std())
                && Objects.equals(old.distribution(), s.distributionJson());
    }
}
