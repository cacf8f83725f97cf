package org.belladonna.cli.bench;

import org.belladonna.progress.Progress;
import org.belladonna.store.Images;
import org.belladonna.store.Prompts;
import org.belladonna.store.Records.Image;
import org.belladonna.store.Records.Prompt;
import org.belladonna.archive.ImportSummary;
import org.belladonna.archive.Importer;
import io.javalin.Javalin;
import org.belladonna.app.Studio;
import org.belladonna.web.WebServer;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * {@code belladonna bench gallery}: a synthetic experiment (tiny generated images, not art) of the given size
 * imported through {@link Importer} into a temporary data directory, then the experiment, prompt, image and
 * statistics pages requested over real HTTP on loopback. Reports p50/p95 of the handler time the server
 * states in its {@code Server-Timing} header, and of the round trip the client sees.
 */
public final class GalleryBench {
    private static final int PER_VARIANT = 100;

    private final int images;
    private final int requests;
    private final PrintStream out;

    public GalleryBench(int images, int requests, PrintStream out) {
        this.images = images;
        this.requests = requests;
        this.out = out;
    }

    public void run() throws Exception {
        Path tmp = Files.createTempDirectory("belladonna-bench-");
        try {
            int prompts = Math.max(1, images / (2 * PER_VARIANT));
            out.printf(Locale.ROOT, "Synthetic experiment: %d prompts x 2 variants x %d images = %d images (16x16 PNG), %d CPU cores%n",
                    prompts, PER_VARIANT, prompts * 2 * PER_VARIANT, Runtime.getRuntime().availableProcessors());
            Path folder = synthesize(tmp.resolve("study"), prompts);
            Studio studio = Studio.open(tmp.resolve("data"), tmp.resolve("models"));
            long t0 = System.nanoTime();
            ImportSummary summary = studio.importer().run(folder, Importer.Target.byName("bench"), Progress.NONE);
            out.printf(Locale.ROOT, "Import (decode, store, one transaction): %d images, %d scores in %.1f s%n",
                    summary.imagesAdded(), summary.scoresAdded(), (System.nanoTime() - t0) / 1e9);
            long id = summary.experimentId();
            List<Long> promptIds = studio.store().read(h -> Prompts.list(h, id)).stream().map(Prompt::id).sorted().toList();
            List<String> hashes = studio.store().read(h -> Images.ofExperiment(h, id)).stream().map(Image::hash)
                    .sorted().toList();

            Javalin app = new WebServer(studio, WebServer.Options.defaults()).start("127.0.0.1", 0);
            try {
                HttpClient http = HttpClient.newHttpClient();
                String base = "http://127.0.0.1:" + app.port();
                Random pick = new Random(1);
                out.printf(Locale.ROOT, "%-16s %8s %10s %10s %12s %12s%n", "page", "requests", "server p50", "server p95", "round-trip p50", "p95");
                measure(http, "experiment", requests, i -> base + "/experiments/" + id);
                measure(http, "prompt", requests, i -> base + "/experiments/" + id + "/prompts/" + promptIds.get(i % promptIds.size()));
                measure(http, "prompt pairs", requests, i -> base + "/experiments/" + id + "/prompts/" + promptIds.get(i % promptIds.size()) + "/pairs");
                measure(http, "image", requests, i -> base + "/images/" + hashes.get(pick.nextInt(hashes.size())));
                measure(http, "stats", Math.max(3, requests / 20), i -> base + "/experiments/" + id + "/stats");
            } finally {
                app.stop();
            }
        } finally {
            deleteTree(tmp);
        }
    }

    private interface Url {
        String of(int i);
    }

    private void measure(HttpClient http, String name, int n, Url url) throws IOException, InterruptedException {
        for (int i = 0; i < Math.min(10, n); i++) {
            get(http, url.of(i)); // warm-up: JIT, template cache, SQLite page cache
        }
        double[] server = new double[n];
        double[] client = new double[n];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            HttpResponse<byte[]> r = get(http, url.of(i));
            client[i] = (System.nanoTime() - t) / 1e6;
            server[i] = Double.parseDouble(r.headers().firstValue("Server-Timing").orElseThrow().replaceAll(".*dur=", ""));
        }
        out.printf(Locale.ROOT, "%-16s %8d %8.1f ms %8.1f ms %10.1f ms %9.1f ms%n", name, n,
                quantile(server, 0.5), quantile(server, 0.95), quantile(client, 0.5), quantile(client, 0.95));
    }

    private static HttpResponse<byte[]> get(HttpClient http, String url) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + r.statusCode());
        }
        return r;
    }

    /** Nearest-rank quantile. */
    static double quantile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
    }

    /** Plain layout, prompts.csv (half related) and scores.csv with related prompts about 8 % lower after. */
    private static Path synthesize(Path dir, int prompts) throws IOException {
        Random random = new Random(42);
        StringBuilder groups = new StringBuilder("prompt,group\n");
        StringBuilder scores = new StringBuilder("file,model_id,model_version,mean\n");
        for (int p = 0; p < prompts; p++) {
            String prompt = "prompt " + p;
            boolean related = p % 2 == 0;
            groups.append(prompt).append(',').append(related ? "related" : "control").append('\n');
            for (String variant : List.of("before", "after")) {
                Path d = Files.createDirectories(dir.resolve(prompt).resolve(variant));
                for (int seed = 0; seed < PER_VARIANT; seed++) {
                    Files.write(d.resolve(seed + ".png"), tinyPng(random));
                    double drop = variant.equals("after") ? (related ? 0.92 : 0.99) : 1;
                    scores.append(prompt).append('/').append(variant).append('/').append(seed).append(".png,nima,synthetic,")
                            .append(5.3 * drop + random.nextGaussian() * 0.3).append('\n');
                }
            }
        }
        Files.writeString(dir.resolve("prompts.csv"), groups);
        Files.writeString(dir.resolve("scores.csv"), scores);
        return dir;
    }

    private static byte[] tinyPng(Random random) throws IOException {
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 16; y += 4) {
            for (int x = 0; x < 16; x += 4) {
                int rgb = new Color(random.nextInt(0xFFFFFF)).getRGB();
                for (int dy = 0; dy < 4; dy++) {
                    for (int dx = 0; dx < 4; dx++) {
                        image.setRGB(x + dx, y + dy, rgb);
                    }
                }
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "png", bytes);
        return bytes.toByteArray();
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
