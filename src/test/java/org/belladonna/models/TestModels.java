package org.belladonna.models;

import org.belladonna.images.BadImageException;
import org.belladonna.images.ImageDecoder;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Test access to ../shared (weights mirror, images, reference outputs). CI always has it: no skipping. */
public final class TestModels {
    private TestModels() {
    }

    public static Path shared() {
        String dir = System.getProperty("belladonna.sharedDir");
        if (dir == null || !Files.isDirectory(Path.of(dir))) {
            throw new IllegalStateException("shared test data not found: system property belladonna.sharedDir="
                    + dir + " (surefire sets it to ../shared)");
        }
        return Path.of(dir);
    }

    public static Path mirror() {
        return shared().resolve("models");
    }

    /** A registry in {@code dir} with the given models pulled from the shared mirror (no network). */
    public static ModelRegistry installed(Path dir, String... ids) throws IOException {
        ModelRegistry registry = new ModelRegistry(dir);
        registry.pull(List.of(ids), ModelSource.mirror(mirror()), PullProgress.NONE, false);
        return registry;
    }

    public static BufferedImage image(String name) throws IOException, BadImageException {
        return new ImageDecoder().decode(shared().resolve("images").resolve(name)).image();
    }
}
