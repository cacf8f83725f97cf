package org.belladonna.artworks;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Target concepts that ship with Belladonna, under {@code resources/concepts/NAME/}: the anchors listed in
 * {@code anchors.txt} (an explicit list, because a jar cannot be listed), attribution in ATTRIBUTION.md.
 * User-made concepts come from the store as anchor images and go straight to the engine.
 */
public final class BuiltInConcepts {
    /** One target concept: a name and the anchor images that show it. */
    public record Concept(String name, List<BufferedImage> anchors) {
    }

    private static final List<String> BUILT_IN = List.of("cubism");

    private BuiltInConcepts() {
    }

    public static List<String> builtIn() {
        return BUILT_IN;
    }

    /** A built-in concept by name, or empty if there is none of that name. */
    public static Optional<Concept> load(String name) {
        if (!BUILT_IN.contains(name)) {
            return Optional.empty();
        }
        String base = "/concepts/" + name + "/";
        try {
            List<BufferedImage> anchors = new ArrayList<>();
            for (String file : lines(base + "anchors.txt")) {
                try (InputStream in = BuiltInConcepts.class.getResourceAsStream(base + file)) {
                    if (in == null) {
                        throw new IllegalStateException("built-in concept " + name + " lacks " + file);
                    }
                    anchors.add(ImageIO.read(in));
                }
            }
            return Optional.of(new Concept(name, List.copyOf(anchors)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read built-in concept " + name, e);
        }
    }

    private static List<String> lines(String resource) throws IOException {
        try (InputStream in = BuiltInConcepts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::strip).filter(l -> !l.isEmpty()).toList();
        }
    }
}
