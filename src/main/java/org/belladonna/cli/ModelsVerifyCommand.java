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
import java.util.concurrent.Callable;

/** {@code models verify MODEL}: runs a model on its publisher's samples and compares with their published outputs. */
@Command(name = "verify", mixinStandardHelpOptions = true, version = "belladonna 0.1.0",
        description = "Check a model end to end against its publisher's own predictions (needs network access). "
                + "Exit 0 when all match, 1 when any differs, 2 on a usage error, 3 when the network is unreachable.")
public final class ModelsVerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "model id; only " + PublishedPredictionCheck.MODEL_ID
            + " has published predictions")
    String modelId;

    @Option(names = "--weights", required = true, paramLabel = "PATH", description = "the model's weight file")
    Path weights;

    @Option(names = "--samples-url", paramLabel = "URL",
            description = "where idealo's repository files at the pinned commit are fetched from (default: ${DEFAULT-VALUE})")
    URI samplesUrl = PublishedPredictionCheck.DEFAULT_SOURCE;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!PublishedPredictionCheck.MODEL_ID.equals(modelId)) {
            err.println("no published predictions to check for model '" + modelId + "' (only "
                    + PublishedPredictionCheck.MODEL_ID + ")");
            return 2;
        }
        if (!Files.isRegularFile(weights)) {
            err.println("weight file not found: " + weights);
            return 2;
        }
        try {
            PublishedPredictionCheck.Result result = new PublishedPredictionCheck(samplesUrl).run(weights);
            out.print(result.table());
            out.println(result.passed() ? "OK: matches idealo's published predictions"
                    : "MISMATCH: differs from idealo's published predictions");
            return result.passed() ? 0 : 1;
        } catch (NetworkUnavailableException e) {
            err.println(e.getMessage());
            return 3;
        } catch (WeightFileException e) {
            err.println(e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("verify failed: " + e.getMessage());
            return 1;
        }
    }
}
