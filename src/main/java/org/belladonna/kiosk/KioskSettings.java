package org.belladonna.kiosk;

import org.belladonna.store.KioskTables;

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

    static KioskSettings of(KioskTables.Settings row) {
        return new KioskSettings(row.dwellSeconds(), Order.parse(row.playOrder()), row.experimentIds(), row.artworkIds());
    }

    KioskTables.Settings row() {
        return new KioskTables.Settings(dwellSeconds, order.key(), experimentIds, artworkIds);
    }
}
