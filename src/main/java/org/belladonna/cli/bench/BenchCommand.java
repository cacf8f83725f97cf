package org.belladonna.cli.bench;

import org.belladonna.cli.Version;
import picocli.CommandLine.Command;

/** Parent of the benchmarks: each heavy path has one, and each prints figures for docs/benchmarks.md. */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Measure the heavy paths on this machine and print figures.",
        subcommands = {
                BenchEncoderCommand.class,
                BenchProtectCommand.class,
                BenchNimaCommand.class,
                BenchGalleryCommand.class,
        })
public final class BenchCommand {
}
