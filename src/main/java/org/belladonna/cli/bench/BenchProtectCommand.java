package org.belladonna.cli.bench;

import org.belladonna.cli.Usage;
import org.belladonna.cli.UserError;
import org.belladonna.cli.Version;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import org.belladonna.cli.ModelsDirOption;
import org.belladonna.images.BadImageException;
import org.belladonna.images.ImageDecoder;
import org.belladonna.models.Compute;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.belladonna.memory.SystemMemory;
import org.belladonna.protect.Ensemble;
import org.belladonna.protect.RecipeChoice;
import org.belladonna.vae.Family;
import org.belladonna.vae.NativeMemory;
import org.belladonna.artworks.BuiltInConcepts;
import org.belladonna.protect.Intensity;
import org.belladonna.protect.NightshadeRecipe;
import org.belladonna.protect.ProtectionReport;
import org.belladonna.protect.ProtectionSettings;
import org.belladonna.protect.Protector;
import org.belladonna.protect.Effort;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Speed, strength and peak memory of each preset and of the surrogate ensemble next to the Nightshade
 * baseline, on one square image at the working size, on this machine's device; with {@code --pytorch}, the
 * same encoder passes under PyTorch in the same run, for the memory and time beside ours.
 */
@Command(name = "protect", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Time the protection presets, the surrogate ensemble and the Nightshade baseline on one image, "
                + "compare how far each moves every family's view toward the target concept, and print each row's "
                + "peak resident memory (VmHWM, reset before each row).",
                "With --pytorch, PyTorch does each row's encoder passes too (docs/bench/protect_pytorch.py with "
                        + "upstream's taesd.py), in the same run."})
public final class BenchProtectCommand implements Callable<Integer> {
    private static final long MB = 1 << 20;

    @Spec
    CommandSpec spec;

    @Option(names = "--image", description = "Artwork to protect (default: the shared Monet water lilies, "
            + "if ../shared is present). It is resized and centre-cropped to SIZE x SIZE.")
    Path image;

    @Option(names = "--size", defaultValue = "512", description = "Square side in pixels (default ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--rows", split = ",", defaultValue = "taef2,ensemble,visible,visible-taef2,fast,thorough,low,high,robust,nightshade",
            description = {"Which rows to run (default: ${DEFAULT-VALUE}):",
                    "taef2 = default preset against TAEF2 alone (other installed families held out);",
                    "ensemble = default preset against every installed family (the default for users);",
                    "visible, visible-taef2 = the visible intensity, ensemble or TAEF2 alone;",
                    "low, high, fast, thorough, robust, robust-low, robust-high = presets, ensemble;",
                    "nightshade = the published baseline against TAEF2 alone."})
    List<String> rows;

    @Option(names = "--baseline-steps", description = "Shorten the Nightshade baseline (published: "
            + NightshadeRecipe.STEPS + " steps); the output says so.")
    Integer baselineSteps;

    @Option(names = "--seed", defaultValue = "0")
    long seed;

    @Option(names = "--pytorch", paramLabel = "TAESD_PY",
            description = "Upstream taesd.py (madebyollin/taesd at 5cccb12): also run each row's encoder passes in PyTorch.")
    Path taesdPy;

    @Option(names = "--pytorch-script", defaultValue = "docs/bench/protect_pytorch.py",
            description = "The PyTorch side (default: ${DEFAULT-VALUE}).")
    Path script;

    @Option(names = "--python", defaultValue = "/usr/bin/python3", description = "Python with torch (default: ${DEFAULT-VALUE}).")
    String python;

    @Option(names = "--workers", split = ",", paramLabel = "N[,N...]", description = {
            "Instead of the rows: run the same batch of protections (default preset, ensemble) with N worker processes",
            "on this machine sharing one PostgreSQL database, for each N given (e.g. 1,2,4), and print the throughput."})
    List<Integer> workers;

    @Option(names = "--database", paramLabel = "postgresql://...", description = "The PostgreSQL database the --workers "
            + "run shares (default: $BELLADONNA_DATABASE). Its rows stay, as after any use of the studio.")
    String database;

    @Option(names = "--images", defaultValue = "8", description = "Protections in the --workers batch (default ${DEFAULT-VALUE}).")
    int images;

    @Option(names = "--store", defaultValue = "data/bench-workers-images", paramLabel = "DIR", description = "The image "
            + "directory the --workers run's processes share; keep it with the database, whose rows name its files "
            + "(default: ${DEFAULT-VALUE}).")
    Path store;

    @Mixin
    ModelsDirOption models;

    /** A row: its settings and the families it optimises against. */
    private record Row(ProtectionSettings settings, List<Family> families) {
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        List<Family> installed = Ensemble.installedFamilies(models.registry());
        if (!installed.contains(Family.TAEF2)) {
            throw new UserError("the TAEF2 encoder is not installed in " + models.dir() + "; install it with: belladonna models pull");
        }
        if (taesdPy != null && (!Files.isRegularFile(taesdPy) || !Files.isRegularFile(script))) {
            throw new UserError("--pytorch needs both " + taesdPy + " and " + script);
        }
        if (workers != null) {
            return throughput(installed);
        }
        Map<String, Row> plan = plan(installed);
        BufferedImage artwork;
        try {
            artwork = square(load());
        } catch (IOException | BadImageException | IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
        BuiltInConcepts.Concept cubism = BuiltInConcepts.load("cubism").orElseThrow();
        SystemMemory memory = SystemMemory.live();
        System.out.printf("bench protect: %dx%d toward cubism on %s; installed families %s; load average %s%n", size, size,
                Compute.get().describe(), installed.stream().map(Family::id).toList(), loadAverage());
        System.out.printf("%-13s %-14s %5s %5s %8s %8s %7s %7s %9s %9s%n", "row", "families", "eps", "steps", "ms/step",
                "s/image", "PSNR", "SSIM", "peak MB", "torch MB");
        for (Map.Entry<String, Row> entry : plan.entrySet()) {
            Row row = entry.getValue();
            List<Long> stepTimes = new ArrayList<>();
            long[] last = {System.nanoTime()};
            NativeMemory.trim();
            boolean reset = memory.resetPeak();
            ProtectionReport r;
            try (Protector protector = Protector.open(models.registry(), row.families(), false)) {
                r = protector.protect(artwork, cubism.name(), cubism.anchors(), row.settings(),
                        (phase, done, total, detail) -> {
                            if (phase.equals(Protector.OPTIMISING)) {
                                long now = System.nanoTime();
                                stepTimes.add(now - last[0]);
                                last[0] = now;
                            }
                        }).report();
            }
            long peak = memory.peakResidentBytes() / MB;
            // the first step includes warm-up of the native kernels; leave it out of ms/step
            double msPerStep = stepTimes.stream().skip(stepTimes.size() > 1 ? 1 : 0)
                    .mapToLong(Long::longValue).average().orElse(0) / 1e6;
            String torch = taesdPy == null ? "-" : pytorchPeak(row, installed, r.steps());
            System.out.printf(Locale.ROOT, "%-13s %-14s %5s %5d %8.0f %8.1f %7.2f %7.4f %9s %9s%n", entry.getKey(),
                    String.join("+", row.families().stream().map(Family::id).toList()), r.epsLevels() + "/255", r.steps(),
                    msPerStep, r.protectSeconds(), r.psnr(), r.ssim(), peak + (reset ? "" : "*"), torch);
            for (ProtectionReport.FamilyCoverage c : r.families()) {
                System.out.printf(Locale.ROOT, "    %-8s %-9s moved %5.1f %%   kept %s%n", c.family(), c.role(), c.percentMoved(),
                        c.robustness().stream().map(x -> x.transform() + " " + (x.meaningful() ? x.reading() : "n/a"))
                                .collect(Collectors.joining(", ")));
            }
        }
        if (baselineSteps != null && plan.containsKey("nightshade")) {
            System.out.printf("note: the nightshade baseline was SHORTENED to %d steps (published: %d).%n",
                    baselineSteps, NightshadeRecipe.STEPS);
        }
        System.out.println("s/image = optimisation incl. target encoding; verification and robustness measurements are "
                + "not included. peak MB = the row's peak resident memory (whole process; * = since start, the kernel "
                + "refused a reset). torch MB = PyTorch's peak for the same encoder passes at the same size.");
        return 0;
    }

    private int throughput(List<Family> installed) throws IOException, InterruptedException {
        String url = database != null ? database : System.getenv("BELLADONNA_DATABASE");
        if (url == null || url.isBlank()) {
            throw new UserError("--workers needs the PostgreSQL database the workers share: --database postgresql://HOST/DB");
        }
        if (workers.isEmpty() || workers.stream().anyMatch(n -> n < 1 || n > 64) || images < 1) {
            throw Usage.error(spec, "--workers takes counts from 1 to 64 and --images at least 1");
        }
        BufferedImage artwork;
        try {
            artwork = load();
        } catch (IOException | BadImageException | IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
        ProtectionSettings settings = ProtectionSettings.defaults().withWorkingSize(size).withSeed(seed);
        System.out.printf("bench protect --workers: %d images of %dx%d toward cubism, default preset against %s, on %d cores; "
                        + "load average %s%n", images, size, size, installed.stream().map(Family::id).toList(),
                Runtime.getRuntime().availableProcessors(), loadAverage());
        new WorkerThroughput(url, store.toAbsolutePath(), models.registry(), System.out).run(workers, artwork, images, settings,
                BuiltInConcepts.load("cubism").orElseThrow().name());
        return 0;
    }

    private Map<String, Row> plan(List<Family> installed) {
        ProtectionSettings base = ProtectionSettings.defaults().withWorkingSize(size).withSeed(seed);
        ProtectionSettings robust = base.withRecipe(RecipeChoice.ROBUST);
        List<Family> taef2 = List.of(Family.TAEF2);
        Map<String, Row> all = new LinkedHashMap<>();
        all.put("taef2", new Row(base, taef2));
        all.put("ensemble", new Row(base, installed));
        all.put("visible", new Row(base.withIntensity(Intensity.VISIBLE), installed));
        all.put("visible-taef2", new Row(base.withIntensity(Intensity.VISIBLE), taef2));
        all.put("low", new Row(base.withIntensity(Intensity.LOW), installed));
        all.put("high", new Row(base.withIntensity(Intensity.HIGH), installed));
        all.put("fast", new Row(base.withEffort(Effort.FAST), installed));
        all.put("thorough", new Row(base.withEffort(Effort.THOROUGH), installed));
        all.put("robust-low", new Row(robust.withIntensity(Intensity.LOW), installed));
        all.put("robust", new Row(robust, installed));
        all.put("robust-high", new Row(robust.withIntensity(Intensity.HIGH), installed));
        all.put("nightshade", new Row(ProtectionSettings.nightshade(10 / 255.0).withWorkingSize(size).withSeed(seed)
                .withSteps(baselineSteps), taef2));
        Map<String, Row> chosen = new LinkedHashMap<>();
        for (String r : rows) {
            if (!all.containsKey(r)) {
                throw Usage.error(spec, "unknown row '" + r + "'; choose from " + all.keySet());
            }
            chosen.put(r, all.get(r));
        }
        return chosen;
    }

    /**
     * PyTorch's peak resident memory (MB) for this row's encoder passes: {@code steps} forward + backward
     * passes of each optimised family, then the verification's forward passes of every installed family.
     */
    private String pytorchPeak(Row row, List<Family> installed, int steps) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(python, script.toString(), "--taesd-py", taesdPy.toString(),
                "--models", models.dir().toString(), "--size", size + "x" + size, "--steps", Integer.toString(steps),
                "--optimise", String.join(",", row.families().stream().map(Family::id).toList()),
                "--measure", String.join(",", installed.stream().map(Family::id).toList()),
                "--robustness", Boolean.toString(row.settings().measureRobustness())));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            System.err.println("PyTorch side failed: " + out.strip());
            return "failed";
        }
        JsonNode result = new ObjectMapper().readTree(out.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElse("{}"));
        return result.path("peak_mb").asText("?") + " (" + result.path("seconds").asText("?") + " s)";
    }

    private BufferedImage load() throws IOException, BadImageException {
        Path path = image;
        if (path == null) {
            String shared = System.getProperty("belladonna.sharedDir", "../shared");
            path = Path.of(shared, "images", "art", "monet-water-lilies-1919.jpg");
            if (!Files.isRegularFile(path)) {
                throw new IOException("no --image given and " + path + " does not exist");
            }
        }
        return new ImageDecoder().decode(path).image();
    }

    private BufferedImage square(BufferedImage img) {
        int side = Math.min(img.getWidth(), img.getHeight());
        BufferedImage crop = img.getSubimage((img.getWidth() - side) / 2, (img.getHeight() - side) / 2, side, side);
        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = out.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.drawImage(crop, 0, 0, size, size, null);
        g.dispose();
        return out;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
