package org.belladonna.cli;

import org.belladonna.archive.ImportRefusedException;
import org.belladonna.archive.ImportSummary;
import org.belladonna.archive.Importer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "import", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Import generated images (a folder or ZIP) into an experiment, all or nothing.",
                "Layouts: manifest.csv / manifest.json (file, prompt, variant, seed, group, metadata), or",
                "<prompt>/before/*.png and <prompt>/after/*.png with an optional prompts.csv (prompt, related|control).",
                "scores.csv (file, model_id, model_version, mean, std) adds imported scores. Re-importing adds nothing."})
public final class ImportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PATH", description = "Folder or .zip to import.")
    Path path;

    static final class Target {
        @Option(names = "--experiment", paramLabel = "ID", description = "Import into this existing experiment.")
        Long experimentId;

        @Option(names = "--name", paramLabel = "NAME", description = "Import into the experiment of this name (created when missing).")
        String name;
    }

    @ArgGroup(exclusive = true)
    Target target;

    @Option(names = "--concept", paramLabel = "TEXT", description = "The concept the experiment poisons (e.g. Monet).")
    String concept;

    @Mixin
    DataDirOption dirs;

    @Override
    public Integer call() throws IOException {
        if (!Files.exists(path)) {
            throw new UserError(path + " does not exist");
        }
        if (!Files.isDirectory(path) && !Files.isRegularFile(path)) {
            throw new UserError(InputFiles.notARegularFile(path));
        }
        Importer.Target where = target == null ? Importer.Target.fromSource()
                : target.experimentId != null ? Importer.Target.byId(target.experimentId) : Importer.Target.byName(target.name);
        if (target != null && target.name != null && (target.name.isBlank() || target.name.length() > 200)) {
            throw new UserError("--name must be 1 to 200 characters");
        }
        if (concept != null) {
            where = where.withConcept(concept.strip());
        }
        var studio = dirs.open();
        try (ProgressBars bars = new ProgressBars()) {
            ImportSummary summary = studio.importer().run(path, where, bars);
            bars.close();
            summary.lines().forEach(System.out::println);
            return 0;
        } catch (ImportRefusedException e) {
            throw new UserError(e.getMessage());
        }
    }
}
