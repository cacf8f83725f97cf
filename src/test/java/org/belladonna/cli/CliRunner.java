package org.belladonna.cli;

/** Runs the CLI in-process for tests outside this package, capturing its output. */
public final class CliRunner {
    private CliRunner() {
    }

    public record Result(int code, String out, String err) {
    }

    public static Result run(String... args) {
        CliTest.Run r = CliTest.run(args);
        return new Result(r.code(), r.out(), r.err());
    }
}
