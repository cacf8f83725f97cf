package org.belladonna.kiosk;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the show plays, as the kiosk page fetches it ({@code /show/playlist.json}). A slide is one prompt of
 * an experiment (before, after) or one protected artwork (original, protected, what the model sees); the
 * page steps through a slide's frames with a wipe and fades between slides.
 *
 * @param dwellMs       how long each frame stays on screen
 * @param order         "sequential" or "shuffled" (the page shuffles the slides on every round)
 * @param fastestDwellMs the shortest dwell the page may be asked for with {@code ?dwell=} (tests, previews)
 */
public record Playlist(long dwellMs, String order, long fastestDwellMs, List<Slide> slides) {
    /** Where the show's image files are served; only hashes in the playlist are. */
    public static final String IMAGE_PATH = "/show/images/";
    public static final long FASTEST_DWELL_MS = 5;

    /**
     * @param key        stable across reloads, so a changed playlist continues where the show was
     * @param heading    small line above the title (experiment name, or "Protected artwork")
     * @param tag        e.g. whether the prompt is about the poisoned concept; may be empty
     * @param scoreModel the scoring model whose means the frames carry, or null
     */
    public record Slide(String key, String kind, String heading, String title, String tag, String scoreModel,
                        List<Frame> frames) {
    }

    /** One image of a slide; {@code score} is the mean of the scoring model over the prompt's images of this variant. */
    public record Frame(String label, String note, String src, Double score, Integer scored, @JsonIgnore String hash) {
        static Frame of(String label, String note, String hash) {
            return new Frame(label, note, IMAGE_PATH + hash, null, null, hash);
        }

        static Frame scored(String label, String note, String hash, Double score, Integer scored) {
            return new Frame(label, note, IMAGE_PATH + hash, score, scored, hash);
        }
    }

    /** Every image file the show needs: the kiosk serves these and nothing else from the store. */
    @JsonIgnore
    public Set<String> hashes() {
        return slides.stream().flatMap(s -> s.frames().stream()).map(Frame::hash).collect(Collectors.toSet());
    }
}
