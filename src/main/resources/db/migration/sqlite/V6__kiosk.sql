-- The exhibition kiosk: what `belladonna serve --kiosk` shows and how. Chosen on the admin page
-- /kiosk/settings; nothing appears in the show unless it was picked here.

-- One row: the show's timing and order.
CREATE TABLE kiosk_settings (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    dwell_seconds INTEGER NOT NULL DEFAULT 8 CHECK (dwell_seconds BETWEEN 2 AND 600),
    play_order    TEXT NOT NULL DEFAULT 'sequential' CHECK (play_order IN ('sequential', 'shuffled')),
    updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
INSERT INTO kiosk_settings (id) VALUES (1);

-- Experiments in the show: each of their prompts becomes a before/after slide.
CREATE TABLE kiosk_experiment (
    experiment_id INTEGER PRIMARY KEY REFERENCES experiment (id) ON DELETE CASCADE
);

-- Protected artworks in the show: original, protected and what the model sees.
CREATE TABLE kiosk_artwork (
    protection_id INTEGER PRIMARY KEY REFERENCES protection (id) ON DELETE CASCADE
);
