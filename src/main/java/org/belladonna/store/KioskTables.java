package org.belladonna.store;

import org.jdbi.v3.core.Handle;

import java.util.List;

/**
 * Tables {@code kiosk_settings} (one row), {@code kiosk_experiment} and {@code kiosk_artwork}: how the
 * exhibition show runs and what it plays.
 */
public final class KioskTables {
    private KioskTables() {
    }

    /** The settings row and the picked experiments and protections, in id order. */
    public record Settings(int dwellSeconds, String playOrder, List<Long> experimentIds, List<Long> artworkIds) {
    }

    public static Settings load(Handle h) {
        List<Long> experiments = h.createQuery("SELECT experiment_id FROM kiosk_experiment ORDER BY experiment_id")
                .mapTo(Long.class).list();
        List<Long> artworks = h.createQuery("SELECT protection_id FROM kiosk_artwork ORDER BY protection_id")
                .mapTo(Long.class).list();
        return h.createQuery("SELECT dwell_seconds, play_order FROM kiosk_settings WHERE id = 1")
                .map((rs, ctx) -> new Settings(rs.getInt("dwell_seconds"), rs.getString("play_order"), experiments, artworks))
                .one();
    }

    /** Replaces the settings; call inside one transaction so the show never sees half a change. */
    public static void save(Handle h, Settings s) {
        h.createUpdate("""
                        UPDATE kiosk_settings SET dwell_seconds = ?, play_order = ?, updated_at = ? WHERE id = 1""")
                .bind(0, s.dwellSeconds()).bind(1, s.playOrder()).bind(2, Timestamps.seconds()).execute();
        h.execute("DELETE FROM kiosk_experiment");
        h.execute("DELETE FROM kiosk_artwork");
        for (long id : s.experimentIds()) {
            h.execute("INSERT INTO kiosk_experiment (experiment_id) VALUES (?)", id);
        }
        for (long id : s.artworkIds()) {
            h.execute("INSERT INTO kiosk_artwork (protection_id) VALUES (?)", id);
        }
    }
}
