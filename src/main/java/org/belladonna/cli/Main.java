package org.belladonna.cli;

import org.belladonna.models.ModelMissingException;
import org.belladonna.store.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.io.UncheckedIOException;

/**
 * The command line. Every failure ends in one line on stderr, {@code belladonna <command>: <reason>}, and
 * one exit code per kind of failure (documented in the README):
 * <ul>
 * <li>{@value #OK}: done;</li>
 * <li>{@value #BAD_INPUT}: the input or the environment does not allow it (a missing or unusable file, an
 *     unknown id, a model that is not installed, no network): the message says what to fix;</li>
 * <li>{@value #USAGE}: the command line itself is wrong (unknown option, missing or malformed argument);</li>
 * <li>{@value #INTERNAL}: a bug; the stack trace follows when {@code BELLADONNA_DEBUG} is set.</li>
 * </ul>
 */
public final class Main {
    public static final int OK = 0;
    public static final int BAD_INPUT = 1;
    public static final int USAGE = 2;
    public static final int INTERNAL = 3;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        CommandLine cli = new CommandLine(new BelladonnaCommand());
        cli.setParameterExceptionHandler((e, argv) -> {
            CommandLine cmd = e.getCommandLine();
            fail(cmd.getCommandSpec(), e.getMessage() + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
            return USAGE;
        });
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (isBadInput(e)) {
                fail(cmd.getCommandSpec(), e.getMessage());
                return BAD_INPUT;
            }
            fail(cmd.getCommandSpec(), "internal error (" + e + "); please report it"
                    + (System.getenv("BELLADONNA_DEBUG") == null ? "; set BELLADONNA_DEBUG=1 for details" : ""));
            if (System.getenv("BELLADONNA_DEBUG") != null) {
                e.printStackTrace(cmd.getErr());
            }
            return INTERNAL;
        });
        return cli.execute(args);
    }

    /** Failures a user can fix by changing what they give the command or where it runs. */
    private static boolean isBadInput(Exception e) {
        return e instanceof UserError || e instanceof StoreException || e instanceof ModelMissingException
                || e instanceof UncheckedIOException;
    }

    /** Prints the one line of a failure: {@code belladonna <command>: <reason>}. */
    static void fail(CommandSpec command, String reason) {
        command.commandLine().getErr().println(command.qualifiedName() + ": " + reason);
    }
}
