package org.belladonna.cli;

import org.belladonna.cli.bench.BenchCommand;
import picocli.CommandLine.Command;

@Command(name = "belladonna", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Protect artwork from style mimicry and measure whether it works.",
        subcommands = {
                ServeCommand.class,
                WorkerCommand.class,
                ProtectCommand.class,
                ImportCommand.class,
                ScoreCommand.class,
                ImportScoresCommand.class,
                ExportCommand.class,
                ModelsCommand.class,
                EncodeCommand.class,
                SeeCommand.class,
                GcCommand.class,
                UsersCommand.class,
                BenchCommand.class,
        })
public final class BelladonnaCommand {
}
