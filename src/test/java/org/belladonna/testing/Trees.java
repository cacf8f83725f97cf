package org.belladonna.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Directory trees tests make outside JUnit's {@code @TempDir}. */
public final class Trees {
    private Trees() {
    }

    /** Deletes {@code dir} and everything under it, deepest first; fails on the first path it cannot delete. */
    public static void delete(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
