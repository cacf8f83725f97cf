package org.belladonna.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The read-only {@code ../shared} folder (weights mirror, reference outputs, test images). CI always has it. */
public final class Shared {
    private Shared() {
    }

    public static Path dir() {
        String prop = System.getProperty("belladonna.sharedDir");
        Path dir = Path.of(prop != null ? prop : "../shared").toAbsolutePath().normalize();
        if (!Files.isDirectory(dir.resolve("images"))) {
            throw new IllegalStateException("the shared folder is missing at " + dir
                    + " (tests need ../shared beside the checkout)");
        }
        return dir;
    }

    public static Path image(String name) {
        return dir().resolve("images").resolve(name);
    }

    public static Path models() {
        return dir().resolve("models");
    }

    public static Path reference(String relative) {
        return dir().resolve("reference").resolve(relative);
    }
}
