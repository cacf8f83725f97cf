package org.belladonna.kiosk;

import org.belladonna.testing.KioskFixture;
import org.belladonna.app.Studio;
import org.belladonna.kiosk.KioskSettings.Order;
import org.belladonna.kiosk.Playlist.Frame;
import org.belladonna.kiosk.Playlist.Slide;
import org.belladonna.testing.TestDatabase;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the show plays, straight from the store: pairing, scores, artworks, and nothing unchosen. On both
 * databases; one fixture per database.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class KioskPlaylistTest {
    @Parameter
    TestDatabase database;
    private static KioskFixture fixture;
    private static Kiosk kiosk;

    @BeforeParameterizedClassInvocation
    static void prepare(TestDatabase database, @TempDir Path data) {
        fixture = KioskFixture.create(data, database);
        kiosk = new Kiosk(database.studio(fixture.dataDir(), fixture.dataDir().resolve("models")).store());
    }

    @Test
    void nothingIsShownUntilChosen(@TempDir Path empty) {
        Kiosk fresh = new Kiosk(database.studio(empty, empty.resolve("models")).store());
        assertEquals(List.of(), fresh.playlist().slides());
        assertEquals(8000, fresh.playlist().dwellMs());
        assertEquals("sequential", fresh.playlist().order());
    }

    @Test
    void promptsBecomeBeforeAfterSlidesWithSameSeedPairsAndMeans() {
        kiosk.save(new KioskSettings(5, Order.SHUFFLED, List.of(fixture.shownExperiment()), List.of()));
        Playlist playlist = kiosk.playlist();
        assertEquals(5000, playlist.dwellMs());
        assertEquals("shuffled", playlist.order());
        // The prompt with only "before" images has nothing to compare and is left out.
        assertEquals(List.of("Water lilies on a pond, by Monet", "A bridge over the Thames at dusk", "A portrait photo of a dog"),
                playlist.slides().stream().map(Slide::title).toList());

        Slide lilies = playlist.slides().get(0);
        assertEquals(List.of("Before poisoning", "After poisoning"), lilies.frames().stream().map(Frame::label).toList());
        assertEquals(Playlist.IMAGE_PATH + fixture.pairedBeforeHash(), lilies.frames().get(0).src());
        assertEquals(Playlist.IMAGE_PATH + fixture.pairedAfterHash(), lilies.frames().get(1).src());
        assertEquals("same seed 1", lilies.frames().get(0).note());
        assertEquals(KioskFixture.MODEL, lilies.scoreModel());
        assertEquals(5.5, lilies.frames().get(0).score(), 1e-9);
        assertEquals(4.2, lilies.frames().get(1).score(), 1e-9);
        assertEquals(3, lilies.frames().get(1).scored());
        assertEquals("about the poisoned concept", lilies.tag());
        assertTrue(lilies.heading().contains("Monet"));

        Slide bridge = playlist.slides().get(1);
        assertEquals("seed 10", bridge.frames().get(0).note());
        assertEquals("seed 20", bridge.frames().get(1).note());
        assertNull(bridge.scoreModel(), "no scores for this prompt, so no model line");
        assertEquals("control prompt", playlist.slides().get(2).tag());
    }

    @Test
    void artworksShowOriginalProtectedAndWhatTheModelSees() {
        kiosk.save(new KioskSettings(8, Order.SEQUENTIAL, List.of(), List.of(fixture.artwork())));
        List<Slide> slides = kiosk.playlist().slides();
        assertEquals(1, slides.size());
        assertEquals("Water Lilies (1919)", slides.get(0).title());
        assertEquals(List.of("Original", "What the model sees", "Protected", "What the model sees"),
                slides.get(0).frames().stream().map(Frame::label).toList());
        assertEquals(4, kiosk.playlist().hashes().size());
    }

    @Test
    void unchosenImagesAreNotInThePlaylist() {
        kiosk.save(new KioskSettings(8, Order.SEQUENTIAL, List.of(fixture.shownExperiment()), List.of(fixture.artwork())));
        var hashes = kiosk.playlist().hashes();
        assertEquals(3 * 2 + 4, hashes.size());
        assertFalse(hashes.contains(fixture.hiddenHash()));
    }

    @Test
    void settingsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new KioskSettings(1, Order.SEQUENTIAL, List.of(), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new KioskSettings(601, Order.SEQUENTIAL, List.of(), List.of()));
        assertThrows(IllegalArgumentException.class, () -> Order.parse("random"));
        assertThrows(IllegalArgumentException.class,
                () -> kiosk.save(new KioskSettings(8, Order.SEQUENTIAL, List.of(123456L), List.of())));
        assertThrows(IllegalArgumentException.class,
                () -> kiosk.save(new KioskSettings(8, Order.SEQUENTIAL, List.of(), List.of(98765L))));
    }
}
