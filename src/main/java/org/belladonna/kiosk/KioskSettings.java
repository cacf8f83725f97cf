package org.belladonna.kiosk;

import org.jdbi.v3.core.Handle;

import java.util.List;

/**
 * How the exhibition show runs and what it plays (tables {@code kiosk_settings}, {@code kiosk_experiment},
 * {@code kiosk_artwork}). Nothing is shown unless picked: an unattended screen must never surprise anyone
 * with an experiment that was imported later.
 */
public record KioskSettings(int dwellSeconds, Order order, List<Long> experimentIds, List<Long> artworkIds) {
    public static final int MIN_DWELL_SECONDS = 2;
    public static final int MAX_DWELL_SECONDS = 600;

    public enum Order {
        SEQUENTIAL, SHUFFLED;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Order parse(String key) {
            for (Order o : values()) {
                if (o.key().equals(key)) {
                    return o;
                }
            }
            throw new IllegalArgumentException("The order must be sequential or shuffled.");
        }
    }

    public KioskSettings {
        if (dwellSeconds < MIN_DWELL_SECONDS || dwellSeconds > MAX_DWELL_SECONDS) {
            throw new IllegalArgumentException("Each image stays between " + MIN_DWELL_SECONDS + " and "
                    + MAX_DWELL_SECONDS + " seconds.");
        }
        experimentIds = List.copyOf(experimentIds);
        artworkIds = List.copyOf(artworkIds);
    }

    public boolean showsExperiment(long id) {
        return experimentIds.contains(id);
    }

    public boolean showsArtwork(long id) {
        return artworkIds.contains(id);
    }

    static KioskSettings load(Handle h) {
        List<Long> experiments = h.createQuery("SELECT experiment_id FROM kiosk_experiment ORDER BY experiment_id")
                .mapTo(Long.class).list();
        List<Long> artworks = h.createQuery("SELECT protection_id FROM kiosk_artwork ORDER BY protection_id")
                .mapTo(Long.class).list();
        return h.createQuery("SELECT dwell_seconds, play_order FROM kiosk_settings WHERE id = 1")
                .map((rs, ctx) -> new KioskSettings(rs.getInt("dwell_seconds"), Order.parse(rs.getString("play_order")),
                        experiments, artworks)).one();
    }

    /** Replaces the settings; call inside one transaction so the show never sees half a change. */
    static void save(Handle h, KioskSettings s) {
        h.createUpdate("""
                        UPDATE kiosk_settings SET dwell_seconds = ?, play_order = ?,
                          updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = 1""")
                .bind(0, s.dwellSeconds()).bind(1, s.order().key()).execute();
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
