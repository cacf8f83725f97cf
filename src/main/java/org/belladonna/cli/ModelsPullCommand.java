package org.belladonna.cli;

import org.belladonna.models.ModelManifest;
import org.belladonna.models.ModelRegistry;
import org.belladonna.models.ModelSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "pull", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Download model files from upstream (or copy them from a mirror folder) and verify their pins.")
public final class ModelsPullCommand implements Callable<Integer> {
    @Mixin
    ModelsDirOption models;

    @Parameters(paramLabel = "ID", arity = "0..*", description = "Model ids (default: the default models).")
    List<String> ids = List.of();

    @Option(names = "--mirror", paramLabel = "DIR",
            description = "Copy from this folder instead of upstream (default: $BELLADONNA_MODEL_MIRROR if set).")
    Path mirror;

    @Option(names = "--force", description = "Fetch again even if installed.")
    boolean force;

    @Override
    public Integer call() {
        ModelRegistry registry = models.registry();
        List<String> wanted = ids.isEmpty()
                ? registry.manifest().defaults().stream().map(ModelManifest.Model::id).toList() : ids;
        ModelSource source = mirror != null ? ModelSource.mirror(mirror) : ModelSource.fromEnvironment();
        try (ProgressBars bars = new ProgressBars("MiB", 1 << 20)) {
            List<String> fetched = registry.pull(wanted, source, bars, force);
            bars.close();
            for (String id : wanted) {
                System.out.println((fetched.contains(id) ? "installed " : "already installed ") + id
                        + " -> " + registry.status(id).file());
            }
            return 0;
        } catch (IllegalArgumentException | IOException e) {
            // Java's network exceptions may have no message; never print "null".
            throw new UserError(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
        }
    }
}
