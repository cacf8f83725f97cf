package org.belladonna.cli;

import org.belladonna.scores.ScoreCsv;
import org.belladonna.scores.ScoreImport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code import-scores FILE --experiment ID}: scores computed elsewhere, all rows or none. */
@Command(name = "import-scores", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Import scores from a score CSV: a header naming file (or image, hash), model_id (or model), mean"
                + " (or score) and optionally std, model_version, prompt, variant, distribution; or, without a header,"
                + " 'image, model, score[, std]'. The same format as an import's scores.csv (see the README)."
                + " Nothing is imported if any row is bad; each bad row is reported with its line number.")
public final class ImportScoresCommand implements Callable<Integer> {
    @Mixin
    DataDirOption dirs;

    @Parameters(index = "0", paramLabel = "FILE", description = "The CSV file (UTF-8).")
    Path file;

    @Option(names = "--experiment", required = true, paramLabel = "ID", description = "The experiment whose images are scored.")
    long experiment;

    @Override
    public Integer call() {
        InputFiles.requireRegularFile(file, ScoreCsv.MAX_FILE_BYTES, "score files");
        ScoreImport.Result result;
        try (InputStream csv = Files.newInputStream(file)) {
            result = dirs.open().scoreImport().importCsv(experiment, csv);
        } catch (ScoreImport.BadRowsException e) {
            throw new UserError(file + ": " + e.getMessage());
        } catch (IOException e) {
            throw new UserError("cannot read " + file + " (" + e.getMessage() + ")");
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        System.out.printf("Imported %d score rows onto %d images of experiment %d: %s%n", result.rows(), result.images(),
                experiment, result.imagesByModel());
        return 0;
    }
}
