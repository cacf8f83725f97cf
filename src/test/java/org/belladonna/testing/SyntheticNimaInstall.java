package org.belladonna.testing;

import org.belladonna.models.ModelManifest;
import org.belladonna.models.ModelRegistry;
import org.belladonna.models.ModelSource;
import org.belladonna.models.Pin;
import org.belladonna.nima.InstalledNima;
import org.belladonna.nima.SyntheticNimaWeights;
import org.belladonna.progress.Progress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Installs synthetic NIMA weights the way a user's install goes, through {@link ModelRegistry#pull}: the
 * file is copied from a mirror folder, checked against its pin and moved into place. The real file cannot
 * be downloaded here, so the manifest is the bundled one with NIMA's pin replaced by the synthetic file's
 * own git blob id. Nothing in the application can swap the manifest: the pin check the scores rely on is
 * the one that runs here, not a bypass.
 */
public final class SyntheticNimaInstall {
    private SyntheticNimaInstall() {
    }

    /** A registry over {@code modelsDir} with synthetic NIMA weights (seeded) installed and verified. */
    public static ModelRegistry install(Path modelsDir, long seed) throws IOException {
        ModelManifest.Model real = ModelManifest.bundled().require(InstalledNima.MODEL_ID);
        // A staging mirror inside the caller's (temporary) models folder, only for the pull: deleted whether
        // the pull worked or not. The registry reads only the files its manifest names, so it never sees it.
        Path mirror = Files.createDirectories(modelsDir.resolve(".synthetic-mirror"));
        try {
            Path file = SyntheticNimaWeights.write(mirror.resolve(real.file()), seed);
            Pin pin = new Pin(Pin.Kind.GIT_BLOB_SHA1, gitBlobId(file));
            ModelRegistry registry = new ModelRegistry(modelsDir, manifestPinning(pin));
            registry.pull(List.of(InstalledNima.MODEL_ID), ModelSource.mirror(mirror), Progress.NONE, false);
            return registry;
        } finally {
            Trees.delete(mirror);
        }
    }

    /** The bundled manifest with NIMA pinned to {@code pin}. */
    public static ModelManifest manifestPinning(Pin pin) {
        return new ModelManifest(ModelManifest.bundled().models().stream()
                .map(m -> !m.id().equals(InstalledNima.MODEL_ID) ? m : new ModelManifest.Model(m.id(), m.name(), m.role(),
                        m.isDefault(), m.file(), m.url(), pin, m.licence(), m.input(), m.output()))
                .toList());
    }

    /** git's object id of the file, computed by the same {@link Pin} code that verifies installs. */
    static String gitBlobId(Path file) throws IOException {
        return new Pin(Pin.Kind.GIT_BLOB_SHA1, "unknown").digest(file);
    }
}
