package org.belladonna.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.belladonna.models.ModelManifest;
import org.belladonna.models.ModelRegistry;
import org.belladonna.models.ModelSource;
import org.belladonna.models.PullProgress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "pull", mixinStandardHelpOptions = true, version = "belladonna 0.1.0",
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
        try (Bar bar = new Bar()) {
            List<String> fetched = registry.pull(wanted, source, bar, force);
            bar.close();
            for (String id : wanted) {
                System.out.println((fetched.contains(id) ? "installed " : "already installed ") + id
                        + " -> " + registry.status(id).file());
            }
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println("belladonna models pull: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            System.err.println("belladonna models pull: " + e.getMessage());
            return 1;
        }
    }

    /** One progress bar per file, on stderr. */
    private static final class Bar implements PullProgress, AutoCloseable {
        private ProgressBar bar;

        @Override
        public void started(ModelManifest.Model model, long totalBytes) {
            close();
            bar = new ProgressBarBuilder().setTaskName(model.id()).setInitialMax(Math.max(totalBytes, 0))
                    .setStyle(ProgressBarStyle.ASCII).setUnit("MiB", 1 << 20).showSpeed().build();
        }

        @Override
        public void transferred(ModelManifest.Model model, long bytesSoFar) {
            bar.stepTo(bytesSoFar);
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }
    }
}
