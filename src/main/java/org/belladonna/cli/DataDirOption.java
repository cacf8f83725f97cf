package org.belladonna.cli;

import org.belladonna.app.Studio;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --data} and {@code --models}, shared by every command that opens the studio. */
public final class DataDirOption {
    @Option(names = "--data", paramLabel = "DIR", description = "Data directory (database, images). Default: $BELLADONNA_DATA or ./data")
    Path data;

    @Option(names = "--models", paramLabel = "DIR", description = "Model weights directory. Default: $BELLADONNA_MODELS or ./models")
    Path models;

    public Path dataDir() {
        return data != null ? data : Path.of(envOr("BELLADONNA_DATA", "data"));
    }

    public Path modelsDir() {
        return models != null ? models : Path.of(envOr("BELLADONNA_MODELS", "models"));
    }

    public Studio open() {
        return Studio.open(dataDir(), modelsDir());
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
