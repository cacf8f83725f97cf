-- Belladonna's domain. Image bytes live in the content-addressed store under data/images;
-- rows here refer to them by SHA-256 (image_file.hash).

-- One row per distinct file in the store: the content hash is the identity.
CREATE TABLE image_file (
    hash        TEXT PRIMARY KEY CHECK (length(hash) = 64 AND hash NOT GLOB '*[^0-9a-f]*'),
    format      TEXT NOT NULL CHECK (format IN ('png', 'jpeg', 'webp')),
    width       INTEGER NOT NULL CHECK (width > 0),
    height      INTEGER NOT NULL CHECK (height > 0),
    byte_size   INTEGER NOT NULL CHECK (byte_size > 0),
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- A target concept (e.g. "cubism"): what poisoned images are pushed toward.
CREATE TABLE concept (
    id          INTEGER PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE CHECK (slug GLOB '[a-z0-9]*' AND slug NOT GLOB '*[^a-z0-9-]*'),
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    builtin     INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- The anchor images that define a concept.
CREATE TABLE concept_anchor (
    concept_id  INTEGER NOT NULL REFERENCES concept (id) ON DELETE CASCADE,
    hash        TEXT NOT NULL REFERENCES image_file (hash),
    position    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (concept_id, hash)
);

-- A poisoning study, e.g. "Monet -> cubism, 300 poisoned".
CREATE TABLE experiment (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    description TEXT NOT NULL DEFAULT '',
    concept     TEXT NOT NULL DEFAULT '',       -- the concept it poisons, as the study names it
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- A prompt the generator was run on; related = about the poisoned concept, else a control.
CREATE TABLE prompt (
    id            INTEGER PRIMARY KEY,
    experiment_id INTEGER NOT NULL REFERENCES experiment (id) ON DELETE CASCADE,
    text          TEXT NOT NULL CHECK (length(trim(text)) > 0),
    related       INTEGER NOT NULL DEFAULT 0 CHECK (related IN (0, 1)),
    position      INTEGER NOT NULL DEFAULT 0,
    UNIQUE (experiment_id, text)
);
CREATE INDEX prompt_by_experiment ON prompt (experiment_id, position);

-- An image generated for a prompt, before or after poisoning.
CREATE TABLE image (
    id          INTEGER PRIMARY KEY,
    prompt_id   INTEGER NOT NULL REFERENCES prompt (id) ON DELETE CASCADE,
    hash        TEXT NOT NULL REFERENCES image_file (hash),
    variant     TEXT NOT NULL CHECK (variant IN ('before', 'after')),
    seed        INTEGER,
    source_name TEXT NOT NULL DEFAULT '',       -- file name it was imported from
    metadata    TEXT NOT NULL DEFAULT '{}',     -- generator metadata as JSON
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    UNIQUE (prompt_id, variant, hash)
);
CREATE INDEX image_by_prompt ON image (prompt_id, variant, id);
CREATE INDEX image_by_hash ON image (hash);

-- A score of one image by one scoring model (computed here, or imported from elsewhere).
CREATE TABLE score (
    id            INTEGER PRIMARY KEY,
    image_id      INTEGER NOT NULL REFERENCES image (id) ON DELETE CASCADE,
    model_id      TEXT NOT NULL,
    model_version TEXT NOT NULL DEFAULT '',     -- the weights' pin, or the importer's label
    mean          REAL NOT NULL,
    std           REAL,
    distribution  TEXT,                         -- JSON array of bin probabilities, when known
    imported      INTEGER NOT NULL DEFAULT 0 CHECK (imported IN (0, 1)),
    created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    UNIQUE (image_id, model_id)
);

-- Background work (protection, scoring, imports, model downloads), run by the job workers.
CREATE TABLE job (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL,
    state        TEXT NOT NULL DEFAULT 'queued'
                 CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled')),
    payload      TEXT NOT NULL DEFAULT '{}',    -- the job's inputs and settings as JSON
    progress     REAL NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 1),
    message      TEXT NOT NULL DEFAULT '',
    result       TEXT,                          -- JSON written on success
    error        TEXT,
    attempts     INTEGER NOT NULL DEFAULT 0,
    cancel_requested INTEGER NOT NULL DEFAULT 0 CHECK (cancel_requested IN (0, 1)),
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    started_at   TEXT,
    finished_at  TEXT
);
CREATE INDEX job_by_state ON job (state, id);

-- One artwork to protect: inputs, settings, outputs and timings. Its job drives it.
CREATE TABLE protection (
    id            INTEGER PRIMARY KEY,
    job_id        INTEGER NOT NULL UNIQUE REFERENCES job (id) ON DELETE CASCADE,
    batch         TEXT NOT NULL DEFAULT '',     -- groups uploads made together (for the ZIP download)
    source_hash   TEXT NOT NULL REFERENCES image_file (hash),
    source_name   TEXT NOT NULL DEFAULT '',
    concept_id    INTEGER REFERENCES concept (id) ON DELETE SET NULL,
    settings      TEXT NOT NULL DEFAULT '{}',
    output_hash   TEXT REFERENCES image_file (hash),
    report        TEXT,                         -- JSON report (metrics, robustness table)
    device        TEXT NOT NULL DEFAULT '',
    wall_ms       INTEGER,
    created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- Images derived from a stored image by a model, e.g. what the TAEF2 VAE "sees"; computed once.
CREATE TABLE derived_image (
    source_hash TEXT NOT NULL REFERENCES image_file (hash),
    kind        TEXT NOT NULL,                  -- e.g. 'seen:taef2'
    hash        TEXT NOT NULL REFERENCES image_file (hash),
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    PRIMARY KEY (source_hash, kind)
);
