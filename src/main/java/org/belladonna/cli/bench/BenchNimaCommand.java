package org.belladonna.cli.bench;

import org.belladonna.cli.Usage;
import org.belladonna.cli.UserError;
import org.belladonna.cli.Version;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.belladonna.models.Compute;
import org.belladonna.nima.Nima;
import org.belladonna.nima.NimaScorer;
import org.belladonna.nima.SyntheticNimaWeights;
import org.belladonna.nima.WeightFileException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/** {@code bench nima}: NIMA throughput at 224x224, model forward alone and end to end from decoded photos. */
@Command(name = "nima", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Images per second of NIMA aesthetic scoring at the given batch sizes on this machine's device.")
public final class BenchNimaCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--weights", paramLabel = "PATH",
            description = "idealo's weights_mobilenet_aesthetic_0.07.hdf5; without it random weights in the same "
                    + "layout are used (same cost, meaningless scores)")
    Path weights;

    @Option(names = "--batch", split = ",", defaultValue = "1,32", paramLabel = "N",
            description = "batch sizes to measure (default: ${DEFAULT-VALUE})")
    List<Integer> batchSizes;

    @Option(names = "--seconds", defaultValue = "5", paramLabel = "S",
            description = "time to measure each figure for, after one warm-up batch (default: ${DEFAULT-VALUE})")
    double seconds;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (batchSizes.stream().anyMatch(b -> b < 1) || seconds <= 0) {
            throw Usage.error(spec, "batch sizes and --seconds must be positive");
        }
        if (weights != null && !Files.isRegularFile(weights)) {
            throw new UserError("weight file not found: " + weights);
        }
        Path file = weights;
        String which = "idealo's file " + weights;
        if (file == null) {
            file = Files.createTempFile("nima-synthetic", ".hdf5");
            SyntheticNimaWeights.write(file, 1);
            which = "synthetic (random weights in idealo's layout: real cost, meaningless scores)";
        }
        try (Nima nima = Nima.load(file)) {
            out.println("NIMA (MobileNet v1, 224x224) on " + Compute.get().describe());
            out.println("weights: " + which);
            out.println(String.format(Locale.ROOT, "%5s  %14s  %32s", "batch", "forward img/s",
                    "score img/s (1024x683 RGB in)"));
            List<BufferedImage> photos = photos(Collections.max(batchSizes));
            for (int batch : batchSizes) {
                float[] zeros = new float[batch * 3 * Nima.INPUT_SIZE * Nima.INPUT_SIZE];
                double forward = imagesPerSecond(batch, () -> forward(nima, zeros, batch));
                NimaScorer scorer = new NimaScorer(nima, batch);
                List<BufferedImage> input = photos.subList(0, batch);
                double score = imagesPerSecond(batch, () -> scorer.score(input));
                out.println(String.format(Locale.ROOT, "%5d  %14.1f  %32.1f", batch, forward, score));
                out.flush();
            }
            return 0;
        } catch (WeightFileException e) {
            throw new UserError(e.getMessage(), e);
        } finally {
            if (weights == null) {
                Files.deleteIfExists(file);
            }
        }
    }

    private double imagesPerSecond(int batch, Runnable run) {
        run.run(); // warm-up: first-call allocation and kernel selection
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        int images = 0;
        while (System.nanoTime() < deadline) {
            run.run();
            images += batch;
        }
        return images / ((System.nanoTime() - start) / 1e9);
    }

    /** Copy in, forward, copy the probabilities out: what a caller holding preprocessed input pays. */
    private static void forward(Nima nima, float[] input, int batch) {
        try (NDManager m = nima.manager().newSubManager()) {
            nima.forward(m.create(input, new Shape(batch, 3, Nima.INPUT_SIZE, Nima.INPUT_SIZE))).toFloatArray();
        }
    }

    /** Noise photos the size of idealo's README samples, so scoring includes the real resize cost. */
    private static List<BufferedImage> photos(int count) {
        SplittableRandom random = new SplittableRandom(3);
        List<BufferedImage> photos = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            BufferedImage image = new BufferedImage(1024, 683, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    image.setRGB(x, y, random.nextInt(1 << 24));
                }
            }
            photos.add(image);
        }
        return photos;
    }
}
