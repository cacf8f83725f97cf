package org.belladonna.cli.bench;

import org.belladonna.cli.Version;
import org.belladonna.cli.Usage;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import org.belladonna.cli.bench.GalleryBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "gallery", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Build a synthetic experiment in a temporary data directory, import it, and time the",
                "experiment, prompt, pairs, image and stats pages over HTTP on loopback (p50/p95)."})
public final class BenchGalleryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--images", defaultValue = "10000", description = "Images in the experiment (default: ${DEFAULT-VALUE}).")
    int images;

    @Option(names = "--requests", defaultValue = "200", description = "Timed requests per page kind (default: ${DEFAULT-VALUE}).")
    int requests;

    @Override
    public Integer call() throws Exception {
        if (images < 200 || images > 1_000_000) {
            throw Usage.error(spec, "--images must be between 200 and 1000000");
        }
        if (requests < 1 || requests > 10_000) {
            throw Usage.error(spec, "--requests must be between 1 and 10000");
        }
        new GalleryBench(images, requests, System.out).run();
        return 0;
    }
}
