package org.belladonna.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.belladonna.images.BadImageException;
import org.belladonna.images.ImageDecoder;
import org.belladonna.models.ModelMissingException;
import org.belladonna.artworks.BuiltInConcepts;
import org.belladonna.protect.Intensity;
import org.belladonna.protect.ProtectionReport;
import org.belladonna.protect.ProtectionResult;
import org.belladonna.protect.ProtectionSettings;
import org.belladonna.protect.Protector;
import org.belladonna.memory.MemoryBudget;
import org.belladonna.protect.Effort;
import org.belladonna.protect.Ensemble;
import org.belladonna.protect.RecipeChoice;
import picocli.CommandLine.ArgGroup;
import org.belladonna.vae.Family;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** Protect artworks from style mimicry toward a target concept; one PNG and one JSON report per image. */
@Command(name = "protect", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Add a protective perturbation that moves how an image encoder sees each artwork toward "
                + "a target concept, at the artwork's own resolution. Writes NAME.protected.png and "
                + "NAME.protected.json into --out.")
public final class ProtectCommand implements Callable<Integer> {
    private static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "webp");

    @Parameters(arity = "1..*", paramLabel = "IMAGE|DIR", description = "Artworks, or folders of them (PNG, JPEG, WebP).")
    List<Path> inputs;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--concept", paramLabel = "NAME", description = "Target concept: a built-in one (${COMPLETION-CANDIDATES}), "
                + "or with --data one created in the studio (by its name).",
                completionCandidates = BuiltInConceptNames.class)
        String concept;

        @Option(names = "--anchors", paramLabel = "DIR", description = "Folder of images that show the target concept.")
        Path anchors;
    }

    static final class BuiltInConceptNames extends ArrayList<String> {
        BuiltInConceptNames() {
            super(BuiltInConcepts.builtIn());
        }
    }

    @Option(names = "--preset", defaultValue = "default", description = "Intensity: low, default, high, or visible (a change people can see up close, which the "
            + "models' view shows too) (default ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--quality", defaultValue = "default", description = "Steps: fast, default, thorough (default ${DEFAULT-VALUE}).")
    String quality;

    @Option(names = "--robust", description = "Optimise through JPEG, resizing and noise so the effect survives them (slower).")
    boolean robust;

    @Option(names = "--eps", paramLabel = "N/255|FRACTION", description = "Expert: L-inf budget, e.g. 10/255 or 0.04.")
    String eps;

    @Option(names = "--steps", description = "Expert: optimisation steps.")
    Integer steps;

    @Option(names = "--size", defaultValue = "512", description = "Expert: working short side in pixels (default ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--seed", defaultValue = "0", description = "Random seed; the same seed gives the same bytes.")
    long seed;

    @Option(names = "--families", split = ",", paramLabel = "ID",
            description = "Surrogate families to protect against, e.g. taef2,taesana (default: every installed one; "
                    + "'belladonna models list' shows them). Installed families not chosen are measured as held out.")
    List<String> families;

    @Option(names = "--views", description = "Also write what each family sees of the original, the protected image and the target.")
    boolean views;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = "--data", paramLabel = "DIR", description = "The studio's data directory: --concept then also "
            + "finds the concepts created there (the studio's Concepts page). Default: built-in concepts only.")
    Path data;

    @Mixin
    ModelsDirOption models;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ProtectionSettings settings = settings();
        List<Path> files = expand();
        // Check every input before writing anything: a bad file stops the whole run with its reason.
        ImageDecoder decoder = new ImageDecoder();
        Set<String> names = new HashSet<>();
        for (Path f : files) {
            BufferedImage img = decode(decoder, f);
            try {
                Protector.checkSize(img.getWidth(), img.getHeight(), settings);
            } catch (IllegalArgumentException e) {
                throw new UserError(f + ": " + e.getMessage());
            }
            if (!names.add(baseName(f))) {
                throw new UserError("two inputs would both be written as " + baseName(f) + ".protected.png");
            }
        }
        BuiltInConcepts.Concept concept = concept(decoder);

        List<ProtectionReport> reports = new ArrayList<>();
        List<Family> chosen;
        List<Family> installed;
        try {
            installed = Ensemble.installedFamilies(models.registry());
            chosen = settings.familiesOr(installed);
        } catch (IOException e) {
            throw new UserError("cannot read the models folder: " + e.getMessage(), e);
        }
        if (chosen.isEmpty()) {
            throw new UserError("no surrogate encoder is installed in " + models.dir() + "; install one with: belladonna models pull");
        }
        MemoryBudget memory = MemoryBudget.ofThisMachine(0);
        try (Protector protector = Protector.open(models.registry(), chosen, views)) {
            Files.createDirectories(out);
            for (Path f : files) {
                BufferedImage artwork = decode(decoder, f);
                checkMemory(memory, f, artwork, settings, chosen, installed);
                ProtectionResult result;
                System.err.println(f.getFileName() + ":");
                try (ProgressBars bars = new ProgressBars()) {
                    result = protector.protect(artwork, concept.name(), concept.anchors(), settings, bars);
                }
                write(f, result);
                reports.add(result.report());
            }
        } catch (ModelMissingException e) {
            throw new UserError(e.getMessage(), e);
        } catch (IOException e) {
            throw new UserError("cannot write to " + out + ": " + e.getMessage());
        }
        summary(files, reports);
        return 0;
    }

    private ProtectionSettings settings() {
        try {
            return ProtectionSettings.defaults()
                    .withIntensity(Intensity.valueOf(preset.toUpperCase(Locale.ROOT)))
                    .withEffort(Effort.valueOf(quality.toUpperCase(Locale.ROOT)))
                    .withRecipe(robust ? RecipeChoice.ROBUST : RecipeChoice.BELLADONNA)
                    .withEps(eps == null ? null : parseEps(eps)).withSteps(steps)
                    .withWorkingSize(size).withSeed(seed).withFamilies(families).withViews(views);
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("No enum constant")) {
                throw Usage.error(spec, "--preset takes low, default, high or visible and --quality fast, default or thorough");
            }
            throw Usage.error(spec, e.getMessage());
        }
    }

    /** "10/255" or a fraction of full scale such as "0.04". */
    static double parseEps(String text) {
        try {
            if (text.contains("/")) {
                String[] parts = text.split("/", 2);
                return Double.parseDouble(parts[0].strip()) / Double.parseDouble(parts[1].strip());
            }
            double v = Double.parseDouble(text.strip());
            if (v >= 1) {
                throw new IllegalArgumentException("--eps " + text + " is ambiguous: write N/255 for levels or a fraction such as 0.04");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--eps must look like 10/255 or 0.04, got '" + text + "'");
        }
    }

    private List<Path> expand() {
        List<Path> files = new ArrayList<>();
        for (Path p : inputs) {
            if (Files.isDirectory(p)) {
                List<Path> images = imagesIn(p);
                if (images.isEmpty()) {
                    throw new UserError(p + " holds no PNG, JPEG or WebP files");
                }
                files.addAll(images);
            } else {
                // Size and kind first: a 3 GB file or a FIFO is refused before a byte is read.
                files.add(InputFiles.requireRegularFile(p, ImageDecoder.MAX_FILE_BYTES, "images"));
            }
        }
        return files;
    }

    private static List<Path> imagesIn(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(f -> IMAGE_EXTENSIONS.contains(extension(f))).sorted().toList();
        } catch (IOException e) {
            throw new UserError("cannot list " + dir + ": " + e.getMessage());
        }
    }

    private BuiltInConcepts.Concept concept(ImageDecoder decoder) {
        if (target.concept != null && data != null) {
            return studioConcept(target.concept);
        }
        if (target.concept != null) {
            return BuiltInConcepts.load(target.concept).orElseThrow(() -> new UserError("unknown concept '" + target.concept
                    + "'; built-in: " + String.join(", ", BuiltInConcepts.builtIn())
                    + " (for a concept created in the studio, add --data DIR)"));
        }
        if (!Files.isDirectory(target.anchors)) {
            throw new UserError("--anchors " + target.anchors + " is not a folder");
        }
        List<BufferedImage> anchors = new ArrayList<>();
        for (Path f : imagesIn(target.anchors)) {
            anchors.add(decode(decoder, f));
        }
        if (anchors.isEmpty()) {
            throw new UserError("--anchors " + target.anchors + " holds no PNG, JPEG or WebP files");
        }
        return new BuiltInConcepts.Concept(target.anchors.getFileName().toString(), anchors);
    }

    /** A concept of the studio at --data (built-in ones included: the studio registers them too), by name. */
    private BuiltInConcepts.Concept studioConcept(String name) {
        if (!Files.isRegularFile(data.resolve(org.belladonna.store.Database.FILE_NAME))) {
            throw new UserError("--data " + data + " holds no studio (no belladonna.db); start one with 'belladonna serve --data " + data + "'");
        }
        org.belladonna.app.Studio studio = org.belladonna.app.Studio.open(data, models.dir());
        var library = studio.concepts();
        var entry = library.findByName(name).orElseThrow(() -> new UserError("the studio at " + data + " has no concept '" + name
                + "'; it has: " + String.join(", ", library.all().stream().map(e -> e.concept().name()).toList())));
        try {
            return new BuiltInConcepts.Concept(entry.concept().slug(), library.anchorImages(entry));
        } catch (IOException | org.belladonna.images.BadImageException e) {
            throw new UserError("cannot read the anchors of concept '" + name + "': " + e.getMessage(), e);
        }
    }

    private static BufferedImage decode(ImageDecoder decoder, Path f) {
        try {
            return decoder.decode(f).image();
        } catch (BadImageException e) {
            throw new UserError(f + ": " + e.getMessage());
        } catch (IOException e) {
            throw new UserError(f + ": cannot read: " + e.getMessage());
        }
    }

    /** Refuses, before any work, a protection this machine does not have the memory for. */
    private static void checkMemory(MemoryBudget memory, Path f, BufferedImage artwork, ProtectionSettings settings,
                                    List<Family> chosen, List<Family> installed) {
        long need = Protector.estimateBytes(artwork.getWidth(), artwork.getHeight(), settings, chosen, installed);
        try (MemoryBudget.Reservation ignored = memory.reserve(f.getFileName() + " (" + artwork.getWidth() + "x"
                + artwork.getHeight() + ")", need, java.time.Duration.ofSeconds(5))) {
            // fits now; released at once (this command runs one protection at a time)
        } catch (MemoryBudget.Refused e) {
            throw new UserError(e.getMessage() + " A smaller --size or fewer --families need less.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted", e);
        }
    }

    private void write(Path input, ProtectionResult r) throws IOException {
        String base = baseName(input);
        writePng(r.image(), out.resolve(base + ".protected.png"));
        for (ProtectionResult.Views v : r.views()) {
            writePng(v.original(), out.resolve(base + ".seen-" + v.family() + "-original.png"));
            writePng(v.protectedImage(), out.resolve(base + ".seen-" + v.family() + "-protected.png"));
            writePng(v.target(), out.resolve(base + ".seen-" + v.family() + "-target.png"));
        }
        Path json = out.resolve(base + ".protected.json");
        // not createTempFile: that makes the file owner-only (0600), unlike the PNG beside it
        Path tmp = out.resolve("." + base + ".protected.json.part");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(tmp.toFile(), r.report());
        Files.move(tmp, json, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Written under a temporary name and moved into place, so a crash never leaves half a PNG. */
    private static void writePng(BufferedImage img, Path target) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".part");
        try {
            if (!ImageIO.write(img, "png", tmp.toFile())) {
                throw new IOException("no PNG writer");
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void summary(List<Path> files, List<ProtectionReport> reports) {
        System.out.printf(Locale.ROOT, "%-32s %11s %7s %7s %8s%n", "file", "size", "PSNR", "SSIM", "seconds");
        for (int i = 0; i < reports.size(); i++) {
            ProtectionReport r = reports.get(i);
            System.out.printf(Locale.ROOT, "%-32s %11s %7.2f %7.4f %8.1f%n", shorten(files.get(i).getFileName().toString()),
                    r.width() + "x" + r.height(), r.psnr(), r.ssim(), r.protectSeconds() + r.verifySeconds());
            System.out.printf(Locale.ROOT, "    %-10s %-26s %-10s %8s %10s%n", "family", "covers", "role", "% moved", "worst-kept");
            for (ProtectionReport.FamilyCoverage c : r.families()) {
                double worst = c.worstRetainedPercent();
                System.out.printf(Locale.ROOT, "    %-10s %-26s %-10s %8.1f %10s%n", c.family(), c.generators(), c.role(),
                        c.percentMoved(), c.robustness().isEmpty() ? "-"
                                : Double.isNaN(worst) ? "n/a" : String.format(Locale.ROOT, "%.0f%%", worst));
            }
            for (ProtectionReport.NotCovered n : r.notCovered()) {
                System.out.printf(Locale.ROOT, "    %-10s %-26s %-10s %8s   install: %s%n", n.family(), n.generators(),
                        "not covered", "-", n.installCommand());
            }
        }
        System.out.println("% moved: share of the latent distance to the target covered, measured on the delivered PNG; "
                + "held-out families were not optimised, only measured. worst-kept: least of that move left after "
                + "JPEG q90/q75, 50 % resize, noise 0.05; n/a where the move was too small to keep (see the JSON).");
    }

    private static String baseName(Path f) {
        String name = f.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static String extension(Path f) {
        String name = f.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
    }

    private static String shorten(String s) {
        return s.length() <= 32 ? s : s.substring(0, 29) + "...";
    }
}
