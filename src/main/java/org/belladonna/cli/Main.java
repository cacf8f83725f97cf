package org.belladonna.cli;

import picocli.CommandLine;

public final class Main {
    public static void main(String[] args) {
        System.exit(new CommandLine(new BelladonnaCommand()).execute(args));
    }
}
