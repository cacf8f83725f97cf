package org.belladonna.cli;

import org.belladonna.store.StoreException;
import picocli.CommandLine;

import java.io.UncheckedIOException;

public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI; every failure a user can cause ends in one line on stderr and a non-zero code. */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new BelladonnaCommand());
        cli.setParameterExceptionHandler((e, argv) -> {
            CommandLine cmd = e.getCommandLine();
            cmd.getErr().println("belladonna: " + e.getMessage() + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
            return CommandLine.ExitCode.USAGE;
        });
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof StoreException || e instanceof UserError || e instanceof UncheckedIOException) {
                cmd.getErr().println("belladonna: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        return cli.execute(args);
    }
}
