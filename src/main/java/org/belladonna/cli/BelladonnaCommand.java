package org.belladonna.cli;

import picocli.CommandLine.Command;

@Command(name = "belladonna", mixinStandardHelpOptions = true, version = "belladonna 0.1.0",
        subcommands = {
                BenchCommand.class,
                ProtectCommand.class,
        })
public final class BelladonnaCommand {
}
