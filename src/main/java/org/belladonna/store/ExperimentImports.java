package org.belladonna.store;

import org.jdbi.v3.core.Handle;

import java.util.List;

/** Table {@code experiment_import}: one row per import into an experiment, with what its source declared. */
public final class ExperimentImports {
    private ExperimentImports() {
    }

    /**
     * @param manifestFile   manifest.csv or manifest.json, or '' for the plain folder layout
     * @param manifestSha256 SHA-256 (hex) of that file's bytes, or ''
     * @param studyScorer    the scorer the study names in its experiment.json ("scorer"), or ''
     */
    public record Import(long id, long experimentId, String sourceName, String manifestFile, String manifestSha256,
                         String studyScorer, String createdAt) {
    }

    public static void add(Handle h, long experimentId, String sourceName, String manifestFile, String manifestSha256,
                           String studyScorer) {
        h.createUpdate("""
                        INSERT INTO experiment_import (experiment_id, source_name, manifest_file, manifest_sha256, study_scorer)
                        VALUES (?, ?, ?, ?, ?)""")
                .bind(0, experimentId).bind(1, sourceName).bind(2, manifestFile).bind(3, manifestSha256)
                .bind(4, studyScorer).execute();
    }

    /** The experiment's imports, oldest first. */
    public static List<Import> of(Handle h, long experimentId) {
        return h.createQuery("SELECT * FROM experiment_import WHERE experiment_id = ? ORDER BY id")
                .bind(0, experimentId).mapTo(Import.class).list();
    }
}
