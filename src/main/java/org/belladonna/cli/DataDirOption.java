package org.belladonna.cli;

import org.belladonna.app.Studio;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --data} and {@code --models}, shared by every command that opens the studio. */
public final class DataDirOption {
    @Option(names = "--data", paramLabel = "DIR", description = "Data directory (database, images). Default: $BELLADONNA_DATA or ./data")
    Path data;

    @picocli.CommandLine.Mixin
    ModelsDirOption models;

    public Path dataDir() {
        return data != null ? data : Path.of(envOr("BELLADONNA_DATA", "data"));
    }

    public Path modelsDir() {
        return models.dir();
    }

    public Studio open() {
        return Studio.open(dataDir(), modelsDir());
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
