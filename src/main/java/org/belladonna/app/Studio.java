package org.belladonna.app;

import org.belladonna.accounts.AccountService;
import org.belladonna.archive.ArchiveLimits;
import org.belladonna.archive.ExperimentExport;
import org.belladonna.archive.Importer;
import org.belladonna.artworks.ConceptLibrary;
import org.belladonna.artworks.ProtectionService;
import org.belladonna.artworks.SeenImages;
import org.belladonna.gallery.Gallery;
import org.belladonna.jobs.BackgroundJobs;
import org.belladonna.models.ModelRegistry;
import org.belladonna.models.ModelSource;
import org.belladonna.scores.ExperimentStats;
import org.belladonna.scores.ScoreImport;
import org.belladonna.scores.ScoringService;
import org.belladonna.store.ContentStore;
import org.belladonna.store.ImageIntake;
import org.belladonna.store.Store;

import java.nio.file.Path;

/**
 * The assembled application: storage, the job queue, and the feature services on top of them. The CLI
 * and the web server both open one, so every feature exists once. Each service that runs background work
 * registers its job handler with the queue as it is made here; the web server starts the queue's workers.
 */
public final class Studio {
    private final Store store;
    private final ModelRegistry models;
    private final BackgroundJobs jobs;
    private final ImageIntake intake;
    private final Gallery gallery;
    private final ModelInstalls modelInstalls;
    private final SeenImages seen;
    private final ScoringService scoring;
    private final ScoreImport scoreImport;
    private final Importer importer;
    private final ExperimentStats stats;
    private final ExperimentExport export;
    private final ConceptLibrary concepts;
    private final ProtectionService protection;
    private final AccountService accounts;

    private Studio(Store store, ModelRegistry models) {
        this.store = store;
        this.models = models;
        this.jobs = new BackgroundJobs(store);
        this.intake = new ImageIntake(store);
        this.gallery = new Gallery(store, intake);
        this.modelInstalls = new ModelInstalls(models, jobs, ModelSource.fromEnvironment());
        this.importer = new Importer(store, intake.decoder(), ArchiveLimits.DEFAULT, jobs);
        this.stats = new ExperimentStats(store);
        this.export = new ExperimentExport(store);
        this.seen = new SeenImages(store, intake, models, jobs);
        this.scoring = new ScoringService(store, models, jobs);
        this.scoreImport = new ScoreImport(store);
        this.concepts = new ConceptLibrary(store);
        this.protection = new ProtectionService(store, jobs, concepts, models);
        this.accounts = new AccountService(store);
    }

    public static Studio open(Path dataDir, Path modelsDir) {
        return open(dataDir, modelsDir, null);
    }

    /** With the tables in the PostgreSQL database {@code database}; null keeps them in the data directory's SQLite file. */
    public static Studio open(Path dataDir, Path modelsDir, String database) {
        return open(dataDir, new ModelRegistry(modelsDir.toAbsolutePath().normalize()), null, database);
    }

    /** Opens over a given model registry: its manifest's pins decide which model files are usable. */
    public static Studio open(Path dataDir, ModelRegistry models) {
        return open(dataDir, models, null);
    }

    /** With the images in {@code images} (a shared directory or bucket); null keeps them in the data directory. */
    public static Studio open(Path dataDir, ModelRegistry models, ContentStore images) {
        return open(dataDir, models, images, null);
    }

    /**
     * With the images in {@code images} (null: the data directory) and the tables in the PostgreSQL database
     * {@code database} ({@code postgresql://user:password@host:port/db}; null: the SQLite file in the data directory).
     */
    public static Studio open(Path dataDir, ModelRegistry models, ContentStore images, String database) {
        Studio studio = new Studio(Store.open(dataDir, images, database), models);
        studio.concepts.ensureBuiltIns();
        return studio;
    }

    public Store store() {
        return store;
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

    /** Installing missing default models in the background (the server queues it on its first start). */
    public ModelInstalls modelInstalls() {
        return modelInstalls;
    }

    /** What the model sees of a stored image, computed once by a background job. */
    public SeenImages seen() {
        return seen;
    }

    public ScoringService scoring() {
        return scoring;
    }

    public ScoreImport scoreImport() {
        return scoreImport;
    }

    public Importer importer() {
        return importer;
    }

    public ExperimentStats stats() {
        return stats;
    }

    public ExperimentExport export() {
        return export;
    }

    /** The job queue with every feature's handlers registered; the web server starts its workers. */
    public BackgroundJobs jobs() {
        return jobs;
    }

    /** Target concepts: the built-in ones and those users made from their own anchor images. */
    public ConceptLibrary concepts() {
        return concepts;
    }

    /** Protecting artwork in the background. */
    public ProtectionService protection() {
        return protection;
    }

    /**
     * Deletes leftover uploads and spool files (see {@link UploadSweeper}) not modified within
     * {@code minimumAge}; uploads an unfinished import job needs are kept.
     */
    public UploadSweeper.Swept sweepUploads(java.time.Duration minimumAge) {
        return UploadSweeper.sweep(store.dataDir(), importer.pendingUploads(), minimumAge);
    }

    /** Who may sign in (on a server reachable from the network), their sessions and API tokens. */
    public AccountService accounts() {
        return accounts;
    }
}
