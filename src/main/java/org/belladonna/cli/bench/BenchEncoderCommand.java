package org.belladonna.cli.bench;

import org.belladonna.cli.ModelsDirOption;
import org.belladonna.cli.Usage;
import org.belladonna.cli.UserError;
import org.belladonna.cli.Version;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.belladonna.memory.SystemMemory;
import org.belladonna.models.Compute;
import org.belladonna.models.ModelMissingException;
import org.belladonna.vae.Family;
import org.belladonna.vae.NativeMemory;
import org.belladonna.vae.Surrogate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

@Command(name = "encoder", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Time a surrogate encoder's forward pass and forward + backward (gradient to the input pixels, "
                + "as PGD needs) on random images, with the peak resident memory of each, then an 8-step "
                + "PGD-like loop at the protection's working sizes.",
                "With --pytorch, the same work also runs under PyTorch (docs/bench/encoder_pytorch.py with "
                        + "upstream's taesd.py) in the same run, alternating which goes first each round.",
                "Peak memory is VmHWM, reset before each measurement through /proc/self/clear_refs (Linux)."})
public final class BenchEncoderCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelsDirOption models;

    @Option(names = "--family", defaultValue = "taef2", description = "Surrogate family (default: ${DEFAULT-VALUE}).")
    String family;

    @Option(names = "--runs", defaultValue = "5", description = "Timed runs per measurement (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--warmup", defaultValue = "2", description = "Untimed runs first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--sizes", split = ",", defaultValue = "256x256,512x512,776x512",
            description = "Image sizes WxH (or one side for a square); 'none' for none (default: ${DEFAULT-VALUE}).")
    List<String> sizes;

    @Option(names = "--loops", split = ",", defaultValue = "560x360,776x512",
            description = "Working sizes for the PGD-like loop, WxH; 'none' for no loop. 560x360 is the working "
                    + "size of a 567x362 artwork, 776x512 of 1600x1052 (default: ${DEFAULT-VALUE}).")
    List<String> loops;

    @Option(names = "--steps", defaultValue = "8", description = "Steps per loop (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--rounds", defaultValue = "1",
            description = "Repeat everything this often (alternating Java/PyTorch order) and report the spread "
                    + "(default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--pytorch", paramLabel = "TAESD_PY",
            description = "Upstream taesd.py (madebyollin/taesd at 5cccb12): also measure PyTorch doing the same work.")
    Path taesdPy;

    @Option(names = "--pytorch-script", defaultValue = "docs/bench/encoder_pytorch.py",
            description = "The PyTorch side (default: ${DEFAULT-VALUE}).")
    Path script;

    @Option(names = "--python", defaultValue = "/usr/bin/python3", description = "Python with torch (default: ${DEFAULT-VALUE}).")
    String python;

    /**
     * Timed runs (wall ms), process CPU time per run (user + system, all threads; less sensitive than
     * wall time to other work on the machine), peak RSS (MB) reached during them, RSS before them,
     * minor page faults per run.
     */
    record Result(List<Double> ms, double cpuMsPerRun, long peakMb, long startMb, long faultsPerRun) {
    }

    private final Map<String, List<Result>> java = new LinkedHashMap<>();
    private final Map<String, List<Result>> torch = new LinkedHashMap<>();

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (runs < 1 || warmup < 0 || steps < 1 || rounds < 1) {
            throw Usage.error(spec, "--runs, --steps and --rounds must be >= 1, --warmup >= 0");
        }
        List<int[]> shapes;
        List<int[]> loopShapes;
        Family f;
        try {
            shapes = sizes(sizes);
            loopShapes = sizes(loops);
            f = Family.byId(family);
        } catch (IllegalArgumentException e) {
            throw Usage.error(spec, e.getMessage());
        }
        if (taesdPy != null && (!Files.isRegularFile(taesdPy) || !Files.isRegularFile(script))) {
            throw Usage.error(spec, "need both " + taesdPy + " and " + script);
        }
        Compute compute = Compute.get();
        System.out.printf("device: %s; %d cores; load average at start: %.2f%n", compute.describe(),
                Runtime.getRuntime().availableProcessors(), loadAverage());
        System.out.println("malloc settings: " + mallocSettings());
        try (Surrogate encoder = Surrogate.load(f, models.registry());
             NDManager manager = NDManager.newBaseManager(compute.device())) {
            Path weights = models.registry().path(f.encoderId());
            System.out.printf("%s encoder; per measurement: wall ms median [min-max], process CPU ms per run (user + "
                    + "system, all threads), peak RSS (+ above the RSS at its start), minor page faults per run%n", encoder.name());
            for (int round = 0; round < rounds; round++) {
                System.out.printf("round %d of %d (load average %.2f)%n", round + 1, rounds, loadAverage());
                boolean pytorchFirst = taesdPy != null && round % 2 == 1;
                if (pytorchFirst) {
                    runPytorch(weights, compute.threads());
                }
                runJava(encoder, manager, shapes, loopShapes);
                if (taesdPy != null && !pytorchFirst) {
                    runPytorch(weights, compute.threads());
                }
            }
            report(encoder, shapes, loopShapes);
            conv(manager);
        } catch (ModelMissingException e) {
            throw new UserError(e.getMessage(), e);
        }
        long before = ProcessMemory.read().rssMb();
        long start = System.nanoTime();
        boolean trimmed = NativeMemory.trim();
        System.out.printf("resident now %d MB; after malloc_trim(0) %d MB (%s, %.0f ms)%n", before,
                ProcessMemory.read().rssMb(), trimmed ? "released" : NativeMemory.canTrim() ? "nothing to release" : "no glibc",
                (System.nanoTime() - start) / 1e6);
        System.out.printf("load average at end: %.2f%n", loadAverage());
        return 0;
    }

    private void runJava(Surrogate encoder, NDManager manager, List<int[]> shapes, List<int[]> loopShapes) {
        for (int[] wh : shapes) {
            Shape shape = new Shape(1, 3, wh[1], wh[0]);
            float[] pixels = randomPixels(shape.size(), 1);
            record(java, "Belladonna", key("forward", wh), measure(() -> {
                try (NDManager step = manager.newSubManager()) {
                    encoder.encode(step.create(pixels, shape)).sum().getFloat();
                }
            }, runs, warmup));
            record(java, "Belladonna", key("forward+backward", wh), measure(() -> {
                try (NDManager step = manager.newSubManager();
                     GradientCollector collector = step.getEngine().newGradientCollector()) {
                    NDArray x = step.create(pixels, shape);
                    x.setRequiresGradient(true);
                    collector.backward(encoder.encode(x).sum());
                    x.getGradient().sum().getFloat();
                }
            }, runs, warmup));
        }
        for (int[] wh : loopShapes) {
            record(java, "Belladonna", key("loop", wh), measure(() -> loop(encoder, manager, wh[0], wh[1]), 1, 0));
        }
    }

    /** Signed-gradient PGD toward a random latent, one NDScope per step as in the protection engine's loop. */
    private void loop(Surrogate encoder, NDManager parent, int width, int height) {
        try (NDManager manager = parent.newSubManager()) {
            NDArray work = manager.create(randomPixels(3L * width * height, 1), new Shape(1, 3, height, width));
            NDArray target;
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                Shape latent = encoder.encode(work).getShape();
                target = manager.randomNormal(0, 1, latent, DataType.FLOAT32);
                NDScope.unregister(target);
            }
            NDArray delta = work.zerosLike();
            for (int i = 0; i < steps; i++) {
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    NDArray d = delta.duplicate();
                    d.setRequiresGradient(true);
                    NDArray gradient;
                    try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                        NDArray z = encoder.encode(work.add(d).clip(0, 1));
                        collector.backward(z.sub(target).square().mean());
                        gradient = d.getGradient().duplicate();
                    }
                    NDArray next = delta.sub(gradient.sign().div(255)).clip(-8 / 255f, 8 / 255f);
                    NDScope.unregister(next);
                    delta.close();
                    delta = next;
                }
            }
            delta.abs().sum().getFloat();
        }
    }

    private void runPytorch(Path weights, int threads) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(python, script.toString(), "--taesd-py", taesdPy.toString(),
                "--weights", weights.toString(), "--family", family, "--threads", Integer.toString(threads),
                "--runs", Integer.toString(runs), "--warmup", Integer.toString(warmup), "--steps", Integer.toString(steps),
                "--sizes", String.join(",", sizes(sizes).stream().map(wh -> wh[0] + "x" + wh[1]).toList()),
                "--loops", String.join(",", sizes(loops).stream().map(wh -> wh[0] + "x" + wh[1]).toList())));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        ObjectMapper json = new ObjectMapper();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                JsonNode row = json.readTree(line);
                String what = row.get("what").asText();
                if (what.equals("setup")) {
                    continue;
                }
                int[] wh = {row.get("width").asInt(), row.get("height").asInt()};
                List<Double> ms = new ArrayList<>();
                row.get("ms").forEach(n -> ms.add(n.asDouble()));
                int count = what.equals("loop") ? 1 : ms.size();
                record(torch, "PyTorch", key(what, wh), new Result(ms, row.get("cpu_ms").asDouble() / count,
                        row.get("peak_mb").asLong(), row.get("rss_before_mb").asLong(), row.get("minor_faults").asLong() / count));
            }
        }
        if (!process.waitFor(2, TimeUnit.HOURS) || process.exitValue() != 0) {
            throw new IOException("the PyTorch side failed: " + String.join(" ", command));
        }
    }

    private void report(Surrogate encoder, List<int[]> shapes, List<int[]> loopShapes) {
        System.out.printf("%nsummary: %s encoder, %d round(s) of %d timed runs after %d warm-up; wall ms median [min-max] "
                        + "over all rounds; mean CPU ms per run; peak RSS MB [range over rounds] (+ most above the RSS at "
                        + "its start); mean minor faults per run%n", encoder.name(), rounds, runs, warmup);
        List<String> keys = new ArrayList<>();
        for (int[] wh : shapes) {
            keys.add(key("forward", wh));
            keys.add(key("forward+backward", wh));
        }
        for (int[] wh : loopShapes) {
            keys.add(key("loop", wh));
        }
        for (String k : keys) {
            String row = String.format("  %-28s Belladonna %s", k, describe(java.get(k)));
            if (torch.containsKey(k)) {
                row += String.format("%n  %-28s PyTorch    %s%n  %-28s ratio      wall %.2fx, cpu %.2fx, peak %.2fx", "",
                        describe(torch.get(k)), "", median(java.get(k)) / median(torch.get(k)),
                        cpu(java.get(k)) / cpu(torch.get(k)), (double) maxPeak(java.get(k)) / maxPeak(torch.get(k)));
            }
            System.out.println(row);
        }
        for (int[] wh : shapes) {
            double gflop = encoder.forwardFlops(wh[1], wh[0]) / 1e9;
            System.out.printf("  %dx%d: %.1f GFLOP forward; %.1f GFLOP/s at the best forward run%n", wh[0], wh[1],
                    gflop, gflop / (min(java.get(key("forward", wh))) / 1000));
        }
    }

    private void conv(NDManager manager) {
        Shape convInput = new Shape(1, 64, 256, 256);
        NDArray x = manager.create(randomPixels(convInput.size(), 2), convInput);
        NDArray w = manager.randomNormal(0, 0.05f, new Shape(64, 64, 3, 3), DataType.FLOAT32);
        Result conv = measure(() -> {
            try (NDManager step = manager.newSubManager()) {
                x.tempAttach(step);
                Conv2d.conv2d(x, w, null, new Shape(1, 1), new Shape(1, 1)).singletonOrThrow().sum().getFloat();
            }
        }, runs, warmup);
        double convFlop = 2.0 * 64 * 64 * 9 * 256 * 256;
        System.out.printf("3x3 conv 64->64 on 1x64x256x256: %.1f / %.1f ms median / min = %.1f GFLOP/s (best run)%n",
                median(List.of(conv)), min(List.of(conv)), convFlop / 1e9 / (min(List.of(conv)) / 1000));
    }

    private static Result measure(Runnable step, int runs, int warmup) {
        for (int i = 0; i < warmup; i++) {
            step.run();
        }
        ProcessMemory before = ProcessMemory.read();
        long cpuBefore = processCpuNanos();
        ProcessMemory.resetPeak();
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            step.run();
            ms.add((System.nanoTime() - start) / 1e6);
        }
        ProcessMemory after = ProcessMemory.read();
        return new Result(ms, (processCpuNanos() - cpuBefore) / 1e6 / runs, after.peakMb(), before.rssMb(),
                (after.minorFaults() - before.minorFaults()) / runs);
    }

    private static String describe(List<Result> results) {
        double[] ms = results.stream().flatMap(r -> r.ms().stream()).mapToDouble(Double::doubleValue).sorted().toArray();
        long lowPeak = results.stream().mapToLong(Result::peakMb).min().orElseThrow();
        long highPeak = maxPeak(results);
        long above = results.stream().mapToLong(r -> r.peakMb() - r.startMb()).max().orElseThrow();
        long faults = (long) results.stream().mapToLong(Result::faultsPerRun).average().orElseThrow();
        double cpu = results.stream().mapToDouble(Result::cpuMsPerRun).average().orElseThrow();
        return String.format("%7.0f ms [%.0f-%.0f]  cpu %6.0f ms  peak %5d MB%s (+%d)  %,d faults", median(ms), ms[0],
                ms[ms.length - 1], cpu, highPeak, lowPeak == highPeak ? "" : " [" + lowPeak + "-" + highPeak + "]",
                above, faults);
    }

    private static double median(List<Result> results) {
        return median(results.stream().flatMap(r -> r.ms().stream()).mapToDouble(Double::doubleValue).sorted().toArray());
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double cpu(List<Result> results) {
        return results.stream().mapToDouble(Result::cpuMsPerRun).average().orElseThrow();
    }

    private static double min(List<Result> results) {
        return results.stream().flatMap(r -> r.ms().stream()).mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    private static long maxPeak(List<Result> results) {
        return results.stream().mapToLong(Result::peakMb).max().orElseThrow();
    }

    /** Keeps a result for the summary and prints it now, so a long run shows its progress. */
    private static void record(Map<String, List<Result>> into, String side, String key, Result result) {
        into.computeIfAbsent(key, k -> new ArrayList<>()).add(result);
        System.out.printf("  %-10s %-28s %s%n", side, key, describe(List.of(result)));
    }

    private static String key(String what, int[] wh) {
        return what + " " + wh[0] + "x" + wh[1];
    }

    private static List<int[]> sizes(List<String> texts) {
        return texts.equals(List.of("none")) ? List.of() : texts.stream().map(BenchEncoderCommand::size).toList();
    }

    /** "WxH" or one side for a square. */
    private static int[] size(String text) {
        String[] parts = text.trim().split("x");
        try {
            int w = Integer.parseInt(parts[0]);
            int h = parts.length == 2 ? Integer.parseInt(parts[1]) : w;
            if (parts.length > 2 || w < 8 || h < 8) {
                throw new NumberFormatException();
            }
            return new int[] {w, h};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("size '" + text + "' is not WxH (each at least 8) or one side");
        }
    }

    private static String mallocSettings() {
        List<String> set = new ArrayList<>();
        for (String name : List.of("MALLOC_ARENA_MAX", "MALLOC_TRIM_THRESHOLD_", "MALLOC_MMAP_THRESHOLD_",
                "MALLOC_TOP_PAD_", "GLIBC_TUNABLES", "LD_PRELOAD")) {
            String value = System.getenv(name);
            if (value != null) {
                set.add(name + "=" + value);
            }
        }
        return set.isEmpty() ? "glibc defaults" : String.join(" ", set);
    }

    private static float[] randomPixels(long count, long seed) {
        Random random = new Random(seed);
        float[] values = new float[Math.toIntExact(count)];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextFloat();
        }
        return values;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** Resident memory and page faults of this process ({@link SystemMemory}, Linux); zeros elsewhere. */
    record ProcessMemory(long rssMb, long peakMb, long minorFaults) {
        private static final SystemMemory SYSTEM = SystemMemory.live();

        static ProcessMemory read() {
            try {
                return new ProcessMemory(SYSTEM.residentBytes() >> 20, SYSTEM.peakResidentBytes() >> 20, SYSTEM.minorFaults());
            } catch (IOException e) {
                return new ProcessMemory(0, 0, 0);
            }
        }

        /** Sets the peak (VmHWM) to the current RSS, so the next read shows the peak since now. */
        static void resetPeak() {
            SYSTEM.resetPeak();   // false where not allowed: the peak then covers the whole process so far
        }
    }
}
