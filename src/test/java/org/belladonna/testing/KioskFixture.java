package org.belladonna.testing;

import org.belladonna.app.Studio;
import org.belladonna.gallery.Gallery.NewImage;
import org.belladonna.kiosk.Kiosk;
import org.belladonna.kiosk.KioskSettings;
import org.belladonna.store.ImageIntake;
import org.belladonna.store.ImageIntake.StoredImage;
import org.belladonna.store.ImageStore;
import org.belladonna.store.Records.Image;
import org.belladonna.store.Scores;
import org.belladonna.store.Store;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A data directory prepared the way an admin would leave it, by a non-kiosk Studio: an experiment in
 * the show (three comparable prompts, one without a shared seed, one prompt with only "before" images),
 * scores by a NIMA model, a protected artwork with what the model sees, and an experiment that is NOT
 * in the show. Images are public-domain paintings from the shared folder (each copy marked by its seed so
 * every file has its own hash), so screenshots look like the real thing.
 */
public record KioskFixture(Path dataDir, long shownExperiment, long hiddenExperiment, long artwork, String hiddenHash,
                    String pairedBeforeHash, String pairedAfterHash, TestDatabase database) {
    public static final String MODEL = "nima-mobilenet-aesthetic";

    /** Prepares the data in {@code dir} (a {@code @TempDir}, so it is deleted after the tests). */
    public static KioskFixture create(Path dir) {
        return create(dir, TestDatabase.SQLITE);
    }

    /** As {@link #create(Path)}, with the tables in {@code database}. */
    public static KioskFixture create(Path dir, TestDatabase database) {
        try {
            Studio studio = database.studio(dir, dir.resolve("models"));
            var gallery = studio.gallery();

            long shown = gallery.createExperiment("Monet → cubism, 300 poisoned", "", "Monet");
            List<NewImage> images = new ArrayList<>();
            // Before seeds 0-2, after seeds 1-3: the pair must be seed 1, the smallest shared one.
            add(images, "Water lilies on a pond, by Monet", true, "before", "monet-water-lilies-1919.jpg", 0, 1, 2);
            add(images, "Water lilies on a pond, by Monet", true, "after", "gris-glass-and-checkerboard-1917.posterized.png", 1, 2, 3);
            // No seed in common: first of each variant.
            add(images, "A bridge over the Thames at dusk", true, "before", "monet-charing-cross-bridge.jpg", 10, 11);
            add(images, "A bridge over the Thames at dusk", true, "after", "delaunay-political-drama-1914.posterized.png", 20, 21);
            add(images, "A portrait photo of a dog", false, "before", "monet-japanese-footbridge-1899.posterized.png", 5);
            add(images, "A portrait photo of a dog", false, "after", "monet-houses-of-parliament-sunset-1903.posterized.png", 5);
            add(images, "Only generated before", true, "before", "monet-san-giorgio-maggiore-at-dusk.jpg", 7);
            gallery.addImages(shown, images);

            long hidden = gallery.createExperiment("Not in the show", "", "");
            byte[] hiddenBytes = TestImages.png(320, 240, 999);
            gallery.addImages(hidden, List.of(
                    new NewImage("secret prompt", false, "before", 1L, "h1.png", "{}", hiddenBytes),
                    new NewImage("secret prompt", false, "after", 1L, "h2.png", "{}", TestImages.png(320, 240, 998))));

            Store store = studio.store();
            store.write(h -> {
                List<Image> lilies = h.createQuery("""
                        SELECT i.* FROM image i JOIN prompt p ON p.id = i.prompt_id
                        WHERE p.experiment_id = ? AND p.text LIKE 'Water lilies%' ORDER BY i.variant DESC, i.seed""")
                        .bind(0, shown).mapTo(Image.class).list();
                double[] means = {5.4, 5.6, 5.5, 4.1, 4.3, 4.2}; // before seeds 0-2, then after seeds 1-3
                for (int i = 0; i < lilies.size(); i++) {
                    Scores.put(h, lilies.get(i).id(), MODEL, "test", means[i], 1.2, null, false);
                }
                return null;
            });

            long artwork = protect(studio, "monet-water-lilies-1919.jpg", "la-fresnaye-the-bathers-1912.posterized.png");
            String before = hash(store, shown, "Water lilies on a pond, by Monet", "before", 1);
            String after = hash(store, shown, "Water lilies on a pond, by Monet", "after", 1);
            return new KioskFixture(dir, shown, hidden, artwork, ImageStore.sha256(hiddenBytes), before, after, database);
        } catch (Exception e) {
            throw new IllegalStateException("cannot prepare the kiosk fixture", e);
        }
    }

    /** Puts the shown experiment and the artwork in the show, with the given dwell. */
    public void choose(int dwellSeconds, KioskSettings.Order order) {
        Studio studio = database.studio(dataDir, dataDir.resolve("models"));
        new Kiosk(studio.store()).save(new KioskSettings(dwellSeconds, order, List.of(shownExperiment), List.of(artwork)));
    }

    private static void add(List<NewImage> images, String prompt, boolean related, String variant, String art, long... seeds) {
        for (long seed : seeds) {
            images.add(new NewImage(prompt, related, variant, seed, variant + seed + ".png", "{}", marked(art, seed)));
        }
    }

    /** The settings a protection row holds (its result page reads them), as the service stores them. */
    private static final String SETTINGS;

    static {
        try {
            SETTINGS = new com.fasterxml.jackson.databind.ObjectMapper()
                    .writeValueAsString(org.belladonna.protect.ProtectionSettings.defaults());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** A protection row as the protect job leaves it: source, output, and the "seen" images of both. */
    private static long protect(Studio studio, String original, String seenAs) throws Exception {
        StoredImage source = studio.intake().accept(Files.readAllBytes(Shared.image("art/" + original)));
        StoredImage output = studio.intake().accept(marked(original, 4242));
        StoredImage seenSource = studio.intake().accept(marked(original, 77));
        StoredImage seenOutput = studio.intake().accept(marked(seenAs, 78));
        return studio.store().write(h -> {
            for (StoredImage s : List.of(source, output, seenSource, seenOutput)) {
                ImageIntake.register(h, s);
            }
            long job = h.createUpdate("INSERT INTO job (kind, state) VALUES ('protect', 'done')")
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            long id = h.createUpdate("""
                            INSERT INTO protection (job_id, source_hash, source_name, output_hash, settings)
                            VALUES (?, ?, 'Water Lilies (1919)', ?, ?)""")
                    .bind(0, job).bind(1, source.hash()).bind(2, output.hash()).bind(3, SETTINGS)
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            h.execute("INSERT INTO derived_image (source_hash, kind, hash) VALUES (?, 'seen:taef2', ?)", source.hash(), seenSource.hash());
            h.execute("INSERT INTO derived_image (source_hash, kind, hash) VALUES (?, 'seen:taef2', ?)", output.hash(), seenOutput.hash());
            return id;
        });
    }

    /** The shared painting (at most 1024 px wide, to keep the fixture quick) with one corner pixel set from the seed: same look, its own hash. */
    public static byte[] marked(String art, long seed) {
        try {
            BufferedImage image = ImageIO.read(Shared.image("art/" + art).toFile());
            double scale = Math.min(1.0, 1024.0 / image.getWidth());
            int width = (int) Math.round(image.getWidth() * scale);
            int height = (int) Math.round(image.getHeight() * scale);
            BufferedImage rgb = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            var g = rgb.createGraphics();
            g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, width, height, null);
            g.dispose();
            rgb.setRGB(0, 0, (int) (seed * 2654435761L) & 0xFFFFFF);
            return TestImages.encode(rgb, "png");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hash(Store store, long experiment, String prompt, String variant, long seed) {
        return store.read(h -> h.createQuery("""
                        SELECT i.hash FROM image i JOIN prompt p ON p.id = i.prompt_id
                        WHERE p.experiment_id = ? AND p.text = ? AND i.variant = ? AND i.seed = ?""")
                .bind(0, experiment).bind(1, prompt).bind(2, variant).bind(3, seed).mapTo(String.class).one());
    }
}
