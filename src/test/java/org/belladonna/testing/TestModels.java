package org.belladonna.testing;

import org.belladonna.models.ModelRegistry;
import org.belladonna.models.ModelSource;
import org.belladonna.progress.Progress;
import org.belladonna.images.BadImageException;
import org.belladonna.images.ImageDecoder;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Models installed from the {@link Shared} weights mirror, and its images decoded. CI always has it: no skipping. */
public final class TestModels {
    private TestModels() {
    }

    /** A registry in {@code dir} with the given models pulled from the shared mirror (no network). */
    public static ModelRegistry installed(Path dir, String... ids) throws IOException {
        ModelRegistry registry = new ModelRegistry(dir);
        registry.pull(List.of(ids), ModelSource.mirror(Shared.models()), Progress.NONE, false);
        return registry;
    }

    public static BufferedImage image(String name) throws IOException, BadImageException {
        return new ImageDecoder().decode(Shared.image(name)).image();
    }
}
