package org.belladonna.app;

import org.belladonna.archive.ArchiveLimits;
import org.belladonna.archive.ExperimentExport;
import org.belladonna.scores.ExperimentStats;
import org.belladonna.gallery.Gallery;
import org.belladonna.archive.ImportJob;
import org.belladonna.archive.Importer;
import org.belladonna.store.ImageIntake;
import org.belladonna.jobs.JobQueue;
import org.belladonna.models.InstallStatus;
import org.belladonna.models.ModelRegistry;
import org.belladonna.scores.ScoreImport;
import org.belladonna.scores.ScoreJob;
import org.belladonna.scores.ScoringService;
import org.belladonna.artworks.SeenImages;
import org.belladonna.artworks.ConceptLibrary;
import org.belladonna.artworks.ProtectionService;
import org.belladonna.store.Jobs;
import org.belladonna.store.Store;

import java.nio.file.Path;

/**
 * The assembled application: storage and the domain services on top of it. The CLI and the web server
 * both open one, so every feature exists once.
 */
public final class Studio {
    private final Store store;
    private final ImageIntake intake;
    private final Gallery gallery;
    private final JobQueue jobs;
    private final ModelRegistry models;
    private final InstallStatus modelInstall = new InstallStatus();
    private final SeenImages seen;
    private final ScoringService scoring;
    private final ScoreJob scoreJob;
    private final ScoreImport scoreImport;
    private final Importer importer;
    private final ImportJob importJob;
    private final ExperimentStats stats;
    private final ExperimentExport export;
    private final ConceptLibrary concepts;
    private final ProtectionService protection;

    /** Job kind computing what the model sees for one stored image; the payload is the image's hash. */
    public static final String SEE_JOB = "see";
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private Studio(Store store, ModelRegistry models) {
        this.store = store;
        this.models = models;
        this.intake = new ImageIntake(store);
        this.gallery = new Gallery(store, intake);
        this.importer = new Importer(store, intake.decoder(), ArchiveLimits.DEFAULT);
        this.importJob = new ImportJob(importer, store.dataDir());
        this.stats = new ExperimentStats(store);
        this.export = new ExperimentExport(store);
        this.jobs = new JobQueue(store);
        this.seen = new SeenImages(store, intake, models);
        jobs.register(SEE_JOB, "device", (job, ctx) -> {
            String hash = JSON.readTree(job.payload()).path("hash").asText();
            ctx.progress(0.1, "running the TAEF2 encoder and decoder");
            return JSON.createObjectNode().put("seen", seen.compute(hash)).toString();
        });
        this.scoring = new ScoringService(store, models);
        this.scoreJob = new ScoreJob(store, jobs, scoring);
        this.scoreImport = new ScoreImport(store);
        jobs.register(ImportJob.KIND, ImportJob.LANE, importJob);
        this.concepts = new ConceptLibrary(store);
        this.protection = new ProtectionService(store, jobs, concepts, models);
        protection.registerJobs();
    }

    public static Studio open(Path dataDir, Path modelsDir) {
        return open(dataDir, new ModelRegistry(modelsDir.toAbsolutePath().normalize()));
    }

    /** Opens over a given model registry: its manifest's pins decide which model files are usable. */
    public static Studio open(Path dataDir, ModelRegistry models) {
        Studio studio = new Studio(Store.open(dataDir), models);
        studio.concepts.ensureBuiltIns();
        return studio;
    }

    public Store store() {
        return store;
    }

    public Path modelsDir() {
        return models.dir();
    }

    public ImageIntake intake() {
        return intake;
    }

    public Gallery gallery() {
        return gallery;
    }

    public ModelRegistry models() {
        return models;
    }

    /** Progress of the background install of missing default models (started by the web server). */
    public InstallStatus modelInstall() {
        return modelInstall;
    }

    public SeenImages seen() {
        return seen;
    }

    /** Installs missing default models on a background thread (no-op while one runs); progress in {@link #modelInstall()}. */
    public synchronized void installDefaultModelsInBackground() {
        if (modelInstall.snapshot().state() == InstallStatus.State.RUNNING) {
            return;
        }
        Thread installer = new Thread(() -> models.installMissingDefaults(
                org.belladonna.models.ModelSource.fromEnvironment(), modelInstall), "model-install");
        installer.setDaemon(true);
        installer.start();
    }

    /** The newest job computing the model's view of this image, whatever its state. */
    public java.util.Optional<org.belladonna.store.Records.Job> latestSeenJob(String hash) {
        return store.read(h -> Jobs.latestFor(h, SEE_JOB, "hash", hash));
    }

    /** Queues the model's-eye view of a stored image. */
    public long requestSeen(String hash) {
        return jobs.submit(SEE_JOB, JSON.createObjectNode().put("hash", hash).toString());
    }

    public ScoringService scoring() {
        return scoring;
    }

    public ScoreJob scoreJob() {
        return scoreJob;
    }

    public ScoreImport scoreImport() {
        return scoreImport;
    }

    public Importer importer() {
        return importer;
    }

    public ImportJob importJob() {
        return importJob;
    }

    public ExperimentStats stats() {
        return stats;
    }

    public ExperimentExport export() {
        return export;
    }

    /** The job queue with every domain's handlers registered; the web server starts its workers. */
    public JobQueue jobs() {
        return jobs;
    }

    /** Target concepts: the built-in ones and those users made from their own anchor images. */
    public ConceptLibrary concepts() {
        return concepts;
    }

    /** Protecting artwork in the background (the "protect" jobs on the device lane). */
    public ProtectionService protection() {
        return protection;
    }
}
