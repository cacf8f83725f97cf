package org.belladonna.cli;

import org.belladonna.nima.NetworkUnavailableException;
import org.belladonna.nima.PublishedPredictionCheck;
import org.belladonna.nima.WeightFileException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code models verify MODEL}: runs a model on its publisher's samples and compares with their published outputs. */
@Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Check a model end to end against its publisher's own predictions (needs network access). "
                + "Exit 0 when all match; 1 when any differs, or the weights or the network are unusable.")
public final class ModelsVerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "model id; only " + PublishedPredictionCheck.MODEL_ID
            + " has published predictions")
    String modelId;

    @Option(names = "--weights", paramLabel = "PATH",
            description = "the weight file to check (default: the installed, pin-verified file)")
    Path weights;

    @picocli.CommandLine.Mixin
    ModelsDirOption models;

    @Option(names = "--samples-url", paramLabel = "URL",
            description = "where idealo's repository files at the pinned commit are fetched from (default: ${DEFAULT-VALUE})")
    URI samplesUrl = PublishedPredictionCheck.DEFAULT_SOURCE;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (!PublishedPredictionCheck.MODEL_ID.equals(modelId)) {
            throw new UserError("no published predictions to check for model '" + modelId + "' (only "
                    + PublishedPredictionCheck.MODEL_ID + ")");
        }
        try {
            Path file = weights != null ? weights : models.registry().path(modelId);
            if (!Files.isRegularFile(file)) {
                throw new UserError("weight file not found: " + file);
            }
            List<PublishedPredictionCheck.Result> results = new PublishedPredictionCheck(samplesUrl).run(file);
            results.forEach(r -> out.print(r.table()));
            List<String> matching = results.stream().filter(PublishedPredictionCheck.Result::passed)
                    .map(r -> r.padding().toString()).toList();
            if (matching.isEmpty()) {
                throw new UserError("MISMATCH: the weights differ from idealo's published predictions (table above)");
            }
            out.println("OK: matches idealo's published predictions with stride-2 padding " + String.join(", ", matching));
            return Main.OK;
        } catch (NetworkUnavailableException | WeightFileException e) {
            throw new UserError(e.getMessage(), e);
        } catch (IOException e) {
            throw new UserError("verify failed: " + e.getMessage(), e);
        }
    }
}
