package org.belladonna.artworks;

import org.belladonna.protect.ProtectionSettings;
import org.belladonna.images.BadImageException;
import org.belladonna.images.ImageDecoder;
import org.belladonna.store.ImageIntake;
import org.belladonna.store.ImageIntake.StoredImage;
import org.belladonna.images.Upload;
import org.belladonna.store.Concepts;
import org.belladonna.store.Records.Concept;
import org.belladonna.store.Store;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The target concepts a protection can aim at, all kept in the store: the built-in ones (registered
 * on start, their anchors stored like any image) and those users make from their own anchor images.
 */
public final class ConceptLibrary {
    public static final int MAX_ANCHORS = 16;
    public static final int MAX_NAME = 80;

    private final Store store;
    private final ImageIntake intake;

    /** A concept with its anchors' hashes, in order. */
    public record Entry(Concept concept, List<String> anchors) {
    }

    public ConceptLibrary(Store store) {
        this.store = store;
        // Anchors are framed to the working size like artworks, so the same lower bound applies.
        this.intake = new ImageIntake(store, new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS, ProtectionSettings.MIN_SIDE));
    }

    /** Registers the built-in concepts not yet in the store; cheap and harmless on every start. */
    public void ensureBuiltIns() {
        for (String name : org.belladonna.artworks.BuiltInConcepts.builtIn()) {
            if (store.read(h -> Concepts.findBySlug(h, name)).isPresent()) {
                continue;
            }
            org.belladonna.artworks.BuiltInConcepts.Concept builtIn = org.belladonna.artworks.BuiltInConcepts.load(name).orElseThrow();
            List<Upload> anchors = new ArrayList<>();
            for (int i = 0; i < builtIn.anchors().size(); i++) {
                anchors.add(new Upload(name + "-" + i + ".png", png(builtIn.anchors().get(i))));
            }
            try {
                save(name, name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1),
                        "Built in: public-domain works that show the style (see ATTRIBUTION.md).", true, anchors);
            } catch (BadImageException e) {
                throw new IllegalStateException("built-in concept " + name + " has an unusable anchor", e);
            }
        }
    }

    /**
     * A user's concept from uploaded anchor images.
     *
     * @throws IllegalArgumentException for a missing or taken name, or no / too many anchors
     * @throws BadImageException        if any anchor is not a usable image (then nothing is stored)
     */
    public long create(String name, List<Upload> anchors) throws BadImageException {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty() || clean.length() > MAX_NAME) {
            throw new IllegalArgumentException("A concept needs a name of 1 to " + MAX_NAME + " characters.");
        }
        String slug = slug(clean);
        if (slug.isEmpty()) {
            throw new IllegalArgumentException("A concept's name needs at least one letter or digit.");
        }
        if (anchors.isEmpty() || anchors.size() > MAX_ANCHORS) {
            throw new IllegalArgumentException("A concept needs 1 to " + MAX_ANCHORS + " anchor images; got " + anchors.size() + ".");
        }
        if (store.read(h -> Concepts.findBySlug(h, slug)).isPresent()) {
            throw new IllegalArgumentException("There is already a concept called \"" + clean + "\".");
        }
        return save(slug, clean, "", false, anchors);
    }

    private long save(String slug, String name, String description, boolean builtin, List<Upload> anchors)
            throws BadImageException {
        List<StoredImage> stored = intake.acceptAll(anchors);
        return store.write(h -> {
            // A built-in concept another host sharing the database added meanwhile is left as that host made it.
            long id = builtin ? Concepts.insertIfAbsent(h, slug, name, description, true).orElse(-1L)
                    : Concepts.insert(h, slug, name, description, false);
            for (int i = 0; id >= 0 && i < stored.size(); i++) {
                ImageIntake.register(h, stored.get(i));
                Concepts.addAnchor(h, id, stored.get(i).hash(), i);
            }
            return id;
        });
    }

    public List<Entry> all() {
        return store.read(h -> Concepts.all(h).stream()
                .map(c -> new Entry(c, Concepts.anchors(h, c.id()))).toList());
    }

    public java.util.Optional<Entry> find(long id) {
        return store.read(h -> Concepts.find(h, id)
                .map(c -> new Entry(c, Concepts.anchors(h, c.id()))));
    }

    /** The concept whose name gives the same address as {@code name} ("blue period" finds "Blue Period"). */
    public java.util.Optional<Entry> findByName(String name) {
        String slug = slug(name == null ? "" : name);
        return store.read(h -> Concepts.findBySlug(h, slug).map(c -> new Entry(c, Concepts.anchors(h, c.id()))));
    }

    /** The anchors decoded for the engine. */
    public List<BufferedImage> anchorImages(Entry concept) throws IOException, BadImageException {
        List<BufferedImage> images = new ArrayList<>();
        for (String hash : concept.anchors()) {
            images.add(intake.decoder().decode(store.files().read(hash)).image());
        }
        return images;
    }

    /** "Blue Period!" -> "blue-period": the concept's stable address. */
    static String slug(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    }

    static byte[] png(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
