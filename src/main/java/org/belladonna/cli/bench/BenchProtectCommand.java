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
import org.belladonna.artworks.BuiltInConcepts;
import org.belladonna.protect.Intensity;
import org.belladonna.protect.NightshadeRecipe;
import org.belladonna.protect.ProtectionReport;
import org.belladonna.protect.ProtectionSettings;
import org.belladonna.protect.Protector;
import org.belladonna.protect.Effort;
import org.belladonna.protect.RecipeChoice;
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
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * Speed and strength of each preset next to the Nightshade baseline, on one square image at the
 * working size, on this machine's device.
 */
@Command(name = "protect", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Time the protection presets and the Nightshade baseline on one image and compare "
                + "how far each moves it toward the target concept.")
public final class BenchProtectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;


    @Option(names = "--image", description = "Artwork to protect (default: the shared Monet water lilies, "
            + "if ../shared is present). It is resized and centre-cropped to SIZE x SIZE.")
    Path image;

    @Option(names = "--size", defaultValue = "512", description = "Square side in pixels (default ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--rows", split = ",", defaultValue = "low,default,high,fast,thorough,robust-low,robust,robust-high,nightshade",
            description = "Which rows to run, from: low, default, high (intensity at default quality), fast, "
                    + "thorough (quality at default intensity), robust-low, robust, robust-high (intensity presets + EOT), nightshade "
                    + "(baseline). Default: all.")
    List<String> rows;

    @Option(names = "--baseline-steps", description = "Shorten the Nightshade baseline (published: "
            + NightshadeRecipe.STEPS + " steps); the output says so.")
    Integer baselineSteps;

    @Option(names = "--seed", defaultValue = "0")
    long seed;

    @Mixin
    ModelsDirOption models;

    @Override
    public Integer call() throws IOException {
        Map<String, ProtectionSettings> plan = plan();
        BufferedImage artwork;
        try {
            artwork = square(load());
        } catch (IOException | BadImageException | IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
        BuiltInConcepts.Concept cubism = BuiltInConcepts.load("cubism").orElseThrow();
        try (Protector protector = Protector.withTaef2(models.registry(), false)) {
            System.out.printf("bench protect: %dx%d toward cubism on %s; load average %s%n", size, size,
                    Compute.get().describe(), loadAverage());
            System.out.printf("%-12s %5s %5s %9s %8s %9s %8s %8s %7s %9s%n", "row", "eps", "steps", "ms/step",
                    "s/image", "% moved", "PSNR", "SSIM", "max", "worst-kept");
            for (Map.Entry<String, ProtectionSettings> row : plan.entrySet()) {
                List<Long> stepTimes = new ArrayList<>();
                long[] last = {System.nanoTime()};
                ProtectionReport r = protector.protect(artwork, cubism.name(), cubism.anchors(), row.getValue(),
                        (phase, done, total, detail) -> {
                            if (phase.equals(Protector.OPTIMISING)) {
                                long now = System.nanoTime();
                                stepTimes.add(now - last[0]);
                                last[0] = now;
                            }
                        }).report();
                // the first step includes warm-up of the native kernels; leave it out of ms/step
                double msPerStep = stepTimes.stream().skip(stepTimes.size() > 1 ? 1 : 0)
                        .mapToLong(Long::longValue).average().orElse(0) / 1e6;
                System.out.printf("%-12s %5s %5d %9.0f %8.1f %9.1f %8.2f %8.4f %7d %9s%n", row.getKey(),
                        r.epsLevels() + "/255", r.steps(), msPerStep, r.protectSeconds(), r.percentMoved(), r.psnr(),
                        r.ssim(), r.maxPixelChange(), r.robustness().isEmpty() ? "-"
                                : String.format("%.0f%%", r.worstRetainedPercent()));
                System.out.printf("             robustness: %s%n", r.robustness().stream()
                        .map(x -> String.format("%s %.0f%%", x.transform(), x.retainedPercent()))
                        .collect(Collectors.joining(", ")));
            }
            if (baselineSteps != null && plan.containsKey("nightshade")) {
                System.out.printf("note: the nightshade baseline was SHORTENED to %d steps (published: %d).%n",
                        baselineSteps, NightshadeRecipe.STEPS);
            }
            System.out.println("s/image = optimisation incl. target encoding; verification and robustness "
                    + "measurements (10 encoder passes) are not included. max = largest change in 8-bit levels.");
            return 0;
        }
    }

    private Map<String, ProtectionSettings> plan() {
        ProtectionSettings base = ProtectionSettings.defaults().withWorkingSize(size).withSeed(seed);
        Map<String, ProtectionSettings> all = new LinkedHashMap<>();
        all.put("low", base.withIntensity(Intensity.LOW));
        all.put("default", base);
        all.put("high", base.withIntensity(Intensity.HIGH));
        all.put("fast", base.withEffort(Effort.FAST));
        all.put("thorough", base.withEffort(Effort.THOROUGH));
        ProtectionSettings robust = base.withRecipe(RecipeChoice.ROBUST);
        all.put("robust-low", robust.withIntensity(Intensity.LOW));
        all.put("robust", robust);
        all.put("robust-high", robust.withIntensity(Intensity.HIGH));
        all.put("nightshade", ProtectionSettings.nightshade(10 / 255.0).withWorkingSize(size).withSeed(seed)
                .withSteps(baselineSteps));
        Map<String, ProtectionSettings> chosen = new LinkedHashMap<>();
        for (String r : rows) {
            if (!all.containsKey(r)) {
                throw Usage.error(spec, "unknown row '" + r + "'; choose from " + all.keySet());
            }
            chosen.put(r, all.get(r));
        }
        return chosen;
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
