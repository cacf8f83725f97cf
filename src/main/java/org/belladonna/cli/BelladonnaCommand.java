package org.belladonna.cli;

import picocli.CommandLine.Command;

@Command(name = "belladonna", mixinStandardHelpOptions = true, version = "belladonna 0.1.0",
        description = "Protect artwork from style mimicry and measure whether it works.",
        subcommands = {
                ServeCommand.class,
                GcCommand.class,
                ImportCommand.class,
                ExportCommand.class,
                BenchCommand.class,
                ModelsCommand.class,
                EncodeCommand.class,
                SeeCommand.class,
                ScoreCommand.class,
                ImportScoresCommand.class,
        })
public final class BelladonnaCommand {
}

