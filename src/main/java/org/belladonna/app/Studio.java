package org.belladonna.app;

import org.belladonna.gallery.Gallery;
import org.belladonna.images.ImageIntake;
import org.belladonna.jobs.JobQueue;
import org.belladonna.models.ModelRegistry;
import org.belladonna.nima.ScoreImport;
import org.belladonna.nima.ScoreJob;
import org.belladonna.nima.ScoringService;
import org.belladonna.store.Store;

import java.nio.file.Path;

/**
 * The assembled application: storage and the domain services on top of it. The CLI and the web server
 * both open one, so every feature exists once.
 */
public final class Studio {
    private final Store store;
    private final ModelRegistry models;
    private final ImageIntake intake;
    private final Gallery gallery;
    private final JobQueue jobs;
    private final ScoringService scoring;
    private final ScoreJob scoreJob;
    private final ScoreImport scoreImport;

    private Studio(Store store, ModelRegistry models) {
        this.store = store;
        this.models = models;
        this.intake = new ImageIntake(store);
        this.gallery = new Gallery(store, intake);
        this.jobs = new JobQueue(store);
        this.scoring = new ScoringService(store, models);
        this.scoreJob = new ScoreJob(store, jobs, scoring);
        this.scoreImport = new ScoreImport(store);
    }

    public static Studio open(Path dataDir, Path modelsDir) {
        return open(dataDir, new ModelRegistry(modelsDir.toAbsolutePath().normalize()));
    }

    /** Opens over a given model registry: its manifest's pins decide which model files are usable. */
    public static Studio open(Path dataDir, ModelRegistry models) {
        return new Studio(Store.open(dataDir), models);
    }

    public Store store() {
        return store;
    }

    public Path modelsDir() {
        return models.dir();
    }

    public ModelRegistry models() {
        return models;
    }

    public ImageIntake intake() {
        return intake;
    }

    public Gallery gallery() {
        return gallery;
    }

    /** The job queue with every domain's handlers registered; the web server starts its workers. */
    public JobQueue jobs() {
        return jobs;
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
}
