package org.belladonna.cli;

import picocli.CommandLine.Command;

@Command(name = "belladonna", mixinStandardHelpOptions = true, version = "belladonna 0.1.0",
        subcommands = {
                BenchCommand.class,
                ModelsCommand.class,
                EncodeCommand.class,
                SeeCommand.class,
        })
public final class BelladonnaCommand {
}
