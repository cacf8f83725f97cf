package org.belladonna.app;

import org.belladonna.gallery.Gallery;
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

    private Studio(Store store, Path modelsDir) {
        this.store = store;
        this.modelsDir = modelsDir;
        this.intake = new ImageIntake(store);
        this.gallery = new Gallery(store, intake);
        this.jobs = new JobQueue(store);
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

    /** The job queue with every domain's handlers registered; the web server starts its workers. */
    public JobQueue jobs() {
        return jobs;
    }
}
