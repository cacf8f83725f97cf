package org.belladonna.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Command-line mistakes found after parsing (a value out of range): reported like picocli's own, exit {@link Main#USAGE}. */
public final class Usage {
    private Usage() {
    }

    public static CommandLine.ParameterException error(CommandSpec spec, String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
