package org.belladonna.app;

import org.belladonna.jobs.BackgroundJobs;
import org.belladonna.models.ModelManifest;
import org.belladonna.models.ModelRegistry;
import org.belladonna.models.ModelSource;
import org.belladonna.store.Records.Job;
import org.belladonna.store.Store;
import org.belladonna.testing.Shared;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The background install of the default models is an io-lane job with a progress row. */
class ModelInstallsTest {
    @TempDir
    Path data;
    @TempDir
    Path models;
    @TempDir
    Path elsewhere;

    @Test
    void installsMissingDefaultsAsAJob() throws Exception {
        ModelRegistry registry = new ModelRegistry(models);
        Store store = Store.open(data);
        BackgroundJobs jobs = new BackgroundJobs(store);
        ModelInstalls installs = new ModelInstalls(registry, jobs, ModelSource.mirror(Shared.models()));
        long id = installs.installMissingDefaults().orElseThrow();
        jobs.drain(ModelInstalls.TYPE);
        Job job = jobs.find(id).orElseThrow();
        assertEquals("done", job.state(), job.error());
        assertEquals(1.0, job.progress());
        assertTrue(job.result().contains("installed taef2-encoder"), job.result());
        for (ModelManifest.Model model : registry.manifest().defaults()) {
            assertEquals(ModelRegistry.Status.INSTALLED, registry.status(model.id()).status());
        }
        assertTrue(installs.installMissingDefaults().isEmpty(), "nothing left to install");
    }

    @Test
    void failedDefaultInstallIsRecordedOnTheJob() throws Exception {
        Store store = Store.open(data);
        BackgroundJobs jobs = new BackgroundJobs(store);
        ModelInstalls installs = new ModelInstalls(new ModelRegistry(models), jobs, ModelSource.mirror(elsewhere));
        long id = installs.installMissingDefaults().orElseThrow();
        jobs.drain(ModelInstalls.TYPE);
        Job job = jobs.find(id).orElseThrow();
        assertEquals("failed", job.state());
        assertTrue(job.error().contains("has no taef2_encoder.pth"), job.error());
    }
}
