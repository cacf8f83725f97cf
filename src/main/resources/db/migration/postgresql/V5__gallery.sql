-- PostgreSQL twin of sqlite/V5__gallery.sql: the same tables, columns and constraints (MigrationTwinsTest compares
-- them). Differences: identity ids and BIGINT keys, BOOLEAN flags, DOUBLE PRECISION for REAL, BIGINT for
-- 64-bit values, regular expressions for GLOB checks, and to_char(...) for strftime defaults (same text).

-- The reviewers' workbench: prompt pages page through a variant by seed and pair before/after by seed,
-- and the stats page reads one model's scores of an experiment.
CREATE INDEX image_by_prompt_seed ON image (prompt_id, variant, seed, id);
CREATE INDEX score_by_model ON score (model_id, image_id);
