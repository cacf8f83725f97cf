package org.belladonna.kiosk;

import org.belladonna.kiosk.Playlist.Slide;
import org.belladonna.kiosk.ProtectedArtworks.Artwork;
import org.belladonna.store.Experiments;
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
        return store.read(KioskSettings::load);
    }

    /** Saves the settings in one transaction; ids that do not exist (any more) are refused. */
    public void save(KioskSettings settings) {
        store.write(h -> {
            for (long id : settings.experimentIds()) {
                Experiments.find(h, id).orElseThrow(() -> new IllegalArgumentException("There is no experiment " + id + "."));
            }
            List<Artwork> artworks = ProtectedArtworks.withIds(h, settings.artworkIds());
            if (artworks.size() != settings.artworkIds().size()) {
                throw new IllegalArgumentException("One of the chosen artworks is gone or not protected yet. Reload the page.");
            }
            KioskSettings.save(h, settings);
            return null;
        });
    }

    /** Finished protections an admin can put in the show. */
    public List<Artwork> artworks() {
        return store.read(ProtectedArtworks::all);
    }

    /** The show as it stands now; slides whose files are missing from the store are left out. */
    public Playlist playlist() {
        Predicate<String> stored = store.files()::contains;
        return store.read(h -> {
            KioskSettings settings = KioskSettings.load(h);
            return new Playlist(settings.dwellSeconds() * 1000L, settings.order().key(), Playlist.FASTEST_DWELL_MS,
                    slides(h, settings, stored));
        });
    }

    private static List<Slide> slides(Handle h, KioskSettings settings, Predicate<String> stored) {
        List<Slide> slides = new ArrayList<>();
        for (long id : settings.experimentIds()) {
            slides.addAll(ExperimentSlides.of(h, id, stored));
        }
        for (Artwork artwork : ProtectedArtworks.withIds(h, settings.artworkIds())) {
            Slide slide = ArtworkSlides.of(artwork, stored);
            if (slide != null) {
                slides.add(slide);
            }
        }
        return slides;
    }
}
