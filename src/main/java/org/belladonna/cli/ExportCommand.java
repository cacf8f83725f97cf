package org.belladonna.cli;

import org.belladonna.app.Studio;
import org.belladonna.stats.Analysis;
import org.belladonna.stats.PromptTableCsv;
import org.belladonna.store.Records.Experiment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "export", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Export an experiment: the per-prompt statistics table as CSV (--csv) and/or",
                "the whole experiment (manifest, images, scores) as a ZIP that 'belladonna import' reads back (--out)."})
public final class ExportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ID", description = "Experiment id.")
    long id;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write the per-prompt table here.")
    Path csv;

    @Option(names = "--model", paramLabel = "MODEL", description = "Scoring model for --csv (default: the one with most scores).")
    String model;

    @Option(names = "--out", paramLabel = "FILE.zip", description = "Write the experiment ZIP here.")
    Path out;

    @Mixin
    DataDirOption dirs;

    @Override
    public Integer call() throws IOException {
        if (csv == null && out == null) {
            throw new UserError("say what to export: --csv FILE and/or --out FILE.zip");
        }
        Studio studio = dirs.open();
        Experiment experiment = studio.gallery().experiment(id).orElseThrow(() -> new UserError("there is no experiment " + id));
        if (csv != null) {
            List<String> models = studio.stats().models(id, 20);
            if (models.isEmpty()) {
                throw new UserError("experiment " + id + " has no scores yet, so there is no table to export");
            }
            String chosen = model != null ? model : models.get(0);
            if (!models.contains(chosen) && !studio.stats().hasModel(id, chosen)) {
                throw new UserError("experiment " + id + " has no scores by " + chosen + " (it has: " + String.join(", ", models)
                        + (models.size() == 20 ? ", ..." : "") + ")");
            }
            org.belladonna.scores.StatsReport report = studio.stats().report(id, chosen);
            Analysis analysis = report.analysis();
            // The same table as the stats page's CSV, scorer column included.
            writeAtomically(csv, o -> o.write(PromptTableCsv.write(analysis, report.scorer().description())
                    .getBytes(StandardCharsets.UTF_8)));
            System.out.println("Wrote the per-prompt table (" + analysis.prompts().size() + " prompts, scores by "
                    + analysis.experiment().scoringModel() + ") to " + csv);
        }
        if (out != null) {
            writeAtomically(out, o -> studio.export().write(experiment, o));
            System.out.println("Wrote experiment " + id + " to " + out + " (" + Files.size(out) + " bytes).");
        }
        return 0;
    }

    private interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /** A half-written file never appears under the name asked for. */
    private static void writeAtomically(Path target, Writer writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new UserError("the folder of " + target + " does not exist");
        }
        Path tmp = Files.createTempFile(dir, ".export-", ".tmp");
        try {
            try (OutputStream o = Files.newOutputStream(tmp)) {
                writer.write(o);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
