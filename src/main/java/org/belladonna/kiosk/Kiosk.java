package org.belladonna.kiosk;

import org.belladonna.kiosk.Playlist.Slide;
import org.belladonna.artworks.SeenImages;
import org.belladonna.store.Experiments;
import org.belladonna.store.KioskTables;
import org.belladonna.store.Protections;
import org.belladonna.store.Protections.Finished;
import org.belladonna.store.Store;
import org.jdbi.v3.core.Handle;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** The exhibition show: its settings (chosen by an admin) and the playlist the kiosk plays from them. */
public final class Kiosk {
    private final Store store;

    public Kiosk(Store store) {
        this.store = store;
    }

    public KioskSettings settings() {
        return store.read(h -> KioskSettings.of(KioskTables.load(h)));
    }

    /** Saves the settings in one transaction; ids that do not exist (any more) are refused. */
    public void save(KioskSettings settings) {
        store.write(h -> {
            for (long id : settings.experimentIds()) {
                Experiments.find(h, id).orElseThrow(() -> new IllegalArgumentException("There is no experiment " + id + "."));
            }
            List<Finished> artworks = Protections.finished(h, settings.artworkIds(), SeenImages.KIND);
            if (artworks.size() != settings.artworkIds().size()) {
                throw new IllegalArgumentException("One of the chosen artworks is gone or not protected yet. Reload the page.");
            }
            KioskTables.save(h, settings.row());
            return null;
        });
    }

    /** Finished protections an admin can put in the show. */
    public List<Finished> artworks() {
        return store.read(h -> Protections.finished(h, SeenImages.KIND));
    }

    /** The show as it stands now; slides whose files are missing from the store are left out. */
    public Playlist playlist() {
        Predicate<String> stored = store.files()::contains;
        return store.read(h -> {
            KioskSettings settings = KioskSettings.of(KioskTables.load(h));
            return new Playlist(settings.dwellSeconds() * 1000L, settings.order().key(), Playlist.FASTEST_DWELL_MS,
                    slides(h, settings, stored));
        });
    }

    private static List<Slide> slides(Handle h, KioskSettings settings, Predicate<String> stored) {
        List<Slide> slides = new ArrayList<>();
        for (long id : settings.experimentIds()) {
            slides.addAll(ExperimentSlides.of(h, id, stored));
        }
        for (Finished artwork : Protections.finished(h, settings.artworkIds(), SeenImages.KIND)) {
            Slide slide = ArtworkSlides.of(artwork, stored);
            if (slide != null) {
                slides.add(slide);
            }
        }
        return slides;
    }
}
