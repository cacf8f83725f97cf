package org.belladonna.cli.bench;

import org.belladonna.cli.Usage;
import org.belladonna.cli.UserError;
import org.belladonna.cli.Version;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import org.belladonna.cli.ModelsDirOption;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import org.belladonna.models.Compute;
import org.belladonna.vae.Surrogate;
import org.belladonna.vae.Family;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;

@Command(name = "encoder", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Time the surrogate encoder's forward pass and forward + backward (gradient to the input "
                + "pixels, as PGD needs) on random images, and one large 3x3 convolution for reference.")
public final class BenchEncoderCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelsDirOption models;

    @Option(names = "--runs", defaultValue = "5", description = "Timed runs per measurement (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--warmup", defaultValue = "2", description = "Untimed runs first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--sizes", split = ",", defaultValue = "256,512", description = "Square image sides (default: ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Option(names = "--surrogate", defaultValue = "taef2", description = "Encoder id (default: ${DEFAULT-VALUE}).")
    String surrogate;

    @Override
    public Integer call() throws IOException {
        if (runs < 1 || warmup < 0 || sizes.stream().anyMatch(s -> s < 8)) {
            throw Usage.error(spec, "--runs must be >= 1, --warmup >= 0, sizes >= 8");
        }
        Compute compute = Compute.get();
        System.out.printf("device: %s; load average at start: %.2f on %d cores%n", compute.describe(),
                loadAverage(), Runtime.getRuntime().availableProcessors());
        try (Surrogate encoder = Surrogate.load(Family.byId(surrogate), models.registry());
             NDManager manager = NDManager.newBaseManager(compute.device())) {
            System.out.printf("%s, %d runs after %d warm-up, milliseconds median / min:%n", encoder.name(), runs, warmup);
            for (int side : sizes) {
                Shape shape = new Shape(1, 3, side, side);
                float[] pixels = randomPixels(shape.size());
                double[] forward = time(() -> {
                    try (NDManager step = manager.newSubManager()) {
                        encoder.encode(step.create(pixels, shape)).sum().getFloat();
                    }
                });
                double[] backward = time(() -> {
                    try (NDManager step = manager.newSubManager();
                         GradientCollector collector = step.getEngine().newGradientCollector()) {
                        NDArray x = step.create(pixels, shape);
                        x.setRequiresGradient(true);
                        collector.backward(encoder.encode(x));
                        x.getGradient().sum().getFloat();
                    }
                });
                double gflop = encoder.forwardFlops(side, side) / 1e9;
                System.out.printf("  %4dx%-4d forward %8.1f / %8.1f   forward+backward %8.1f / %8.1f   "
                                + "(%.2f GFLOP forward = %.1f GFLOP/s)%n", side, side, forward[0], forward[1],
                        backward[0], backward[1], gflop, gflop / (forward[1] / 1000));
            }
            Shape convInput = new Shape(1, 64, 256, 256);
            NDArray x = manager.create(randomPixels(convInput.size()), convInput);
            NDArray w = manager.randomNormal(0, 0.05f, new Shape(64, 64, 3, 3), ai.djl.ndarray.types.DataType.FLOAT32);
            double[] conv = time(() -> {
                try (NDManager step = manager.newSubManager()) {
                    x.tempAttach(step);
                    Conv2d.conv2d(x, w, null, new Shape(1, 1), new Shape(1, 1)).singletonOrThrow().sum().getFloat();
                }
            });
            double convFlop = 2.0 * 64 * 64 * 9 * 256 * 256;
            System.out.printf("3x3 conv 64->64 on 1x64x256x256: %.1f / %.1f ms = %.1f GFLOP/s (best run)%n",
                    conv[0], conv[1], convFlop / 1e9 / (conv[1] / 1000));
            System.out.printf("load average at end: %.2f%n", loadAverage());
            return 0;
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    /** {median, min} in milliseconds. */
    private double[] time(Runnable step) {
        for (int i = 0; i < warmup; i++) {
            step.run();
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            step.run();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        double median = runs % 2 == 1 ? ms[runs / 2] : (ms[runs / 2 - 1] + ms[runs / 2]) / 2;
        return new double[] {median, ms[0]};
    }

    private static float[] randomPixels(long count) {
        Random random = new Random(1);
        float[] values = new float[Math.toIntExact(count)];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextFloat();
        }
        return values;
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
