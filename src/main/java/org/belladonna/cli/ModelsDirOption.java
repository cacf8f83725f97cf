package org.belladonna.cli;

import org.belladonna.models.ModelRegistry;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --models DIR}, shared by every command that needs model files. */
public final class ModelsDirOption {
    @Option(names = "--models", paramLabel = "DIR",
            description = "Folder of model files (default: $BELLADONNA_MODELS, else ./models).")
    private Path dir;

    public Path dir() {
        return dir != null ? dir : ModelRegistry.defaultDir();
    }

    public ModelRegistry registry() {
        return new ModelRegistry(dir());
    }
}
