package org.belladonna;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The README's house plan, checked on the sources: the engines and the ground floor import nothing from the
 * floors that hold the database, the job queue, the web, the studio or the CLI, and no SQL is written outside
 * store/ (and the migrations).
 */
class FloorsTest {
    private static final Path SOURCES = Path.of("src/main/java/org/belladonna");
    private static final Set<String> ABOVE_ENGINES = Set.of("store", "jobs", "web", "app", "cli", "artworks",
            "scores", "archive", "gallery", "kiosk", "accounts");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?org\\.belladonna\\.([a-z]+)\\.", Pattern.MULTILINE);
    private static final Pattern SQL = Pattern.compile("\"\\s*(SELECT|INSERT INTO|UPDATE \\w+ SET|DELETE FROM|CREATE TABLE)\\b");

    @ParameterizedTest(name = "{0} imports nothing above the engines")
    @ValueSource(strings = {"vae", "nima", "protect", "stats", "models", "images", "progress", "csv", "memory"})
    void anEngineImportsNothingFromTheFloorsAbove(String pkg) throws IOException {
        List<String> found = new ArrayList<>();
        for (Path file : javaFiles(SOURCES.resolve(pkg))) {
            Matcher m = IMPORT.matcher(Files.readString(file));
            while (m.find()) {
                if (ABOVE_ENGINES.contains(m.group(1))) {
                    found.add(SOURCES.relativize(file) + " imports " + m.group(1));
                }
            }
        }
        assertEquals(List.of(), found);
    }

    @Test
    void noSqlOutsideTheStore() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path file : javaFiles(SOURCES)) {
            if (!file.startsWith(SOURCES.resolve("store")) && SQL.matcher(Files.readString(file)).find()) {
                found.add(SOURCES.relativize(file).toString());
            }
        }
        assertEquals(List.of(), found);
    }

    private static List<Path> javaFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".java")).toList();
        }
    }
}
