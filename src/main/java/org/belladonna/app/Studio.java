package org.belladonna.app;

import org.belladonna.gallery.Gallery;
import org.belladonna.images.ImageIntake;
import org.belladonna.jobs.JobQueue;
import org.belladonna.models.ModelRegistry;
import org.belladonna.protect.ConceptLibrary;
import org.belladonna.protect.ProtectionService;
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
    private final ConceptLibrary concepts;
    private final ProtectionService protection;

    private Studio(Store store, Path modelsDir) {
        this.store = store;
        this.modelsDir = modelsDir;
        this.intake = new ImageIntake(store);
        this.gallery = new Gallery(store, intake);
        this.jobs = new JobQueue(store);
        this.concepts = new ConceptLibrary(store);
        this.protection = new ProtectionService(store, jobs, concepts, new ModelRegistry(modelsDir));
        protection.registerJobs();
    }

    public static Studio open(Path dataDir, Path modelsDir) {
        Studio studio = new Studio(Store.open(dataDir), modelsDir.toAbsolutePath().normalize());
        studio.concepts.ensureBuiltIns();
        return studio;
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

    /** Target concepts: the built-in ones and those users made from their own anchor images. */
    public ConceptLibrary concepts() {
        return concepts;
    }

    /** Protecting artwork in the background (the "protect" jobs on the device lane). */
    public ProtectionService protection() {
        return protection;
    }
}
