package org.belladonna.kiosk;

import org.belladonna.kiosk.Playlist.Frame;
import org.belladonna.kiosk.Playlist.Slide;
import org.belladonna.store.Protections.Finished;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * One slide per protected artwork, told in the order that makes the point: the original and what the
 * model sees in it, then the protected copy (which looks the same to a person) and what the model sees in
 * that. The "sees" frames appear only when they were computed.
 */
final class ArtworkSlides {
    private ArtworkSlides() {
    }

    static Slide of(Finished a, Predicate<String> stored) {
        if (!stored.test(a.sourceHash()) || !stored.test(a.outputHash())) {
            return null;
        }
        List<Frame> frames = new ArrayList<>();
        frames.add(Frame.of("Original", "as the artist made it", a.sourceHash()));
        if (a.seenSourceHash() != null && stored.test(a.seenSourceHash())) {
            frames.add(Frame.of("What the model sees", "in the original", a.seenSourceHash()));
        }
        frames.add(Frame.of("Protected", "looks the same to you", a.outputHash()));
        if (a.seenOutputHash() != null && stored.test(a.seenOutputHash())) {
            frames.add(Frame.of("What the model sees", "in the protected copy", a.seenOutputHash()));
        }
        String heading = a.concept().isBlank() ? "Protected artwork" : "Protected artwork · pushed toward " + a.concept();
        return new Slide("artwork:" + a.id(), "artwork", heading, a.title(), "", null, List.copyOf(frames));
    }
}
