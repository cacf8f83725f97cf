package org.belladonna.app;

import org.belladonna.gallery.ArchiveLimits;
import org.belladonna.gallery.ExperimentExport;
import org.belladonna.gallery.ExperimentStats;
import org.belladonna.gallery.Gallery;
import org.belladonna.gallery.ImportJob;
import org.belladonna.gallery.Importer;
import org.belladonna.images.ImageIntake;
import org.belladonna.jobs.JobQueue;
import org.belladonna.store.Store;

import java.nio.file.Path;

/**
 * The assembled application: storage and the domain services on top of it. The CLI and the web server
 * both open one, so every feature exists once.
 */
public final class Studio {
    private final Store store;
    private final Path modelsDir;
    private final ImageIntake intake;
    private final Gallery gallery;
    private final JobQueue jobs;
    private final Importer importer;
    private final ImportJob importJob;
    private final ExperimentStats stats;
    private final ExperimentExport export;

    private Studio(Store store, Path modelsDir) {
        this.store = store;
        this.modelsDir = modelsDir;
        this.intake = new ImageIntake(store);
        this.gallery = new Gallery(store, intake);
        this.importer = new Importer(store, intake.decoder(), ArchiveLimits.DEFAULT);
        this.importJob = new ImportJob(importer, store.dataDir());
        this.stats = new ExperimentStats(store);
        this.export = new ExperimentExport(store);
        this.jobs = new JobQueue(store);
        jobs.register(ImportJob.KIND, ImportJob.LANE, importJob);
    }

    public static Studio open(Path dataDir, Path modelsDir) {
        return new Studio(Store.open(dataDir), modelsDir.toAbsolutePath().normalize());
    }

    public Store store() {
        return store;
    }

    public Path modelsDir() {
        return modelsDir;
    }

    public ImageIntake intake() {
        return intake;
    }

    public Gallery gallery() {
        return gallery;
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
}
