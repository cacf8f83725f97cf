-- The reviewers' workbench: prompt pages page through a variant by seed and pair before/after by seed,
-- and the stats page reads one model's scores of an experiment.
CREATE INDEX image_by_prompt_seed ON image (prompt_id, variant, seed, id);
CREATE INDEX score_by_model ON score (model_id, image_id);
