-- What each import into an experiment brought with it, for the report's provenance and the scorer check:
-- the SHA-256 of its manifest file (manifest.csv or manifest.json, '' for the plain folder layout) and the
-- scorer the study says it used (experiment.json "scorer", '' when it names none).
CREATE TABLE experiment_import (
    id              INTEGER PRIMARY KEY,
    experiment_id   INTEGER NOT NULL REFERENCES experiment (id) ON DELETE CASCADE,
    source_name     TEXT NOT NULL DEFAULT '',
    manifest_file   TEXT NOT NULL DEFAULT '',
    manifest_sha256 TEXT NOT NULL DEFAULT '' CHECK (manifest_sha256 = '' OR (length(manifest_sha256) = 64
                                                    AND manifest_sha256 NOT GLOB '*[^0-9a-f]*')),
    study_scorer    TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX experiment_import_by_experiment ON experiment_import (experiment_id, id);
