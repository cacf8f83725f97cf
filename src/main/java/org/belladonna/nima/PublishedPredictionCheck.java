package org.belladonna.nima;

import org.belladonna.images.BadImageException;
import org.belladonna.images.ImageDecoder;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * End-to-end check of a NIMA weight file against idealo's own published predictions: downloads the
 * README sample photos at the pinned commit (verified by git blob id), scores them and compares mean and
 * standard deviation with the figure {@code readme_figures/images_aesthetic/aesthetic1.jpg_aesthetic.svg}.
 * Needs network access.
 */
public final class PublishedPredictionCheck {
    public static final String MODEL_ID = "nima-mobilenet-aesthetic";
    public static final String COMMIT = "dceaf7c2d218bc6e80b21d6e147e3b56a21b7f31";
    public static final URI DEFAULT_SOURCE =
            URI.create("https://raw.githubusercontent.com/idealo/image-quality-assessment/" + COMMIT + "/");
    /** The figure prints two decimals. */
    public static final double TOLERANCE = 0.01;

    /** A README photo, its git blob id at {@link #COMMIT} and the "mean (std)" idealo's figure shows for it. */
    public record Sample(String path, String gitBlobSha1, double mean, double std) {
        public String fileName() {
            return path.substring(path.lastIndexOf('/') + 1);
        }
    }

    /**
     * Which photo has which value: the figure's SVG embeds six thumbnails, each followed by its title;
     * matched by eye against the photos (aesthetic2.jpg, absent from the mirror here, is the remaining one).
     */
    public static final List<Sample> SAMPLES = List.of(
            sample("aesthetic1.jpg", "ef8e34f0026f479eaa8f53756f21244ef3cda1f0", 6.52, 1.44),
            sample("aesthetic2.jpg", "e775fc4743b81b3237fc8266b56f2af3d26675d2", 5.58, 1.37),
            sample("aesthetic4.jpg", "9030b2ba5629ec642d0307a9f853bbd68871aedc", 5.53, 1.42),
            sample("aesthetic6.jpg", "8ed1f8a72068d23d28848584bb4db33c4d216d66", 5.04, 1.35),
            sample("aesthetic3.jpg", "5165c34582ca606658b2cdb6d4e773cf19c2a78a", 4.92, 1.48),
            sample("aesthetic5.jpg", "02d3c8584c75b6ce0db113efa83dc9bf4541a1bf", 4.29, 1.45));

    private static Sample sample(String file, String blob, double mean, double std) {
        return new Sample("readme_figures/images_aesthetic/" + file, blob, mean, std);
    }

    public record Row(Sample sample, NimaScore score) {
        public boolean passed() {
            return Math.abs(score.mean() - sample.mean()) <= TOLERANCE + 1e-9
                    && Math.abs(score.std() - sample.std()) <= TOLERANCE + 1e-9;
        }
    }

    public record Result(List<Row> rows) {
        public boolean passed() {
            return rows.stream().allMatch(Row::passed);
        }

        public String table() {
            StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-16s %16s %16s  %s%n",
                    "image", "published", "ours", "within " + TOLERANCE));
            for (Row r : rows) {
                s.append(String.format(Locale.ROOT, "%-16s %9.2f (%.2f) %9.3f (%.3f)  %s%n", r.sample().fileName(),
                        r.sample().mean(), r.sample().std(), r.score().mean(), r.score().std(),
                        r.passed() ? "yes" : "NO"));
            }
            return s.toString();
        }
    }

    private final URI source;
    private final HttpClient http;

    public PublishedPredictionCheck() {
        this(DEFAULT_SOURCE);
    }

    /** @param source base URI of idealo's repository files at the pinned commit (a mirror may stand in) */
    public PublishedPredictionCheck(URI source) {
        this.source = source.toString().endsWith("/") ? source : URI.create(source + "/");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** Downloads the samples, then loads {@code weights} and scores them. */
    public Result run(Path weights) throws IOException {
        List<BufferedImage> images = downloadSamples();
        try (Nima nima = Nima.load(weights)) {
            return compare(new NimaScorer(nima).score(images));
        }
    }

    static Result compare(List<NimaScore> scores) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < SAMPLES.size(); i++) {
            rows.add(new Row(SAMPLES.get(i), scores.get(i)));
        }
        return new Result(List.copyOf(rows));
    }

    List<BufferedImage> downloadSamples() throws IOException {
        ImageDecoder decoder = new ImageDecoder();
        List<BufferedImage> images = new ArrayList<>();
        for (Sample sample : SAMPLES) {
            byte[] bytes = get(source.resolve(sample.path()));
            String blob = gitBlobSha1(bytes);
            if (!blob.equals(sample.gitBlobSha1())) {
                throw new IOException(sample.fileName() + " from " + source + " is not the published file (git blob "
                        + blob + ", expected " + sample.gitBlobSha1() + ")");
            }
            try {
                images.add(decoder.decode(bytes).image());
            } catch (BadImageException e) {
                throw new IOException(sample.fileName() + ": " + e.getMessage(), e);
            }
        }
        return images;
    }

    private byte[] get(URI uri) throws IOException {
        try {
            HttpResponse<byte[]> response = http.send(
                    java.net.http.HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IOException("GET " + uri + " answered HTTP " + response.statusCode());
            }
            return response.body();
        } catch (ConnectException | UnknownHostException | HttpTimeoutException e) {
            throw new NetworkUnavailableException("cannot reach " + uri.getHost() + " to fetch idealo's sample images ("
                    + e.getClass().getSimpleName() + "); this check needs network access", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + uri, e);
        }
    }

    /** Git's object id of a file: SHA-1 over "blob <size>\0" followed by the bytes. */
    static String gitBlobSha1(byte[] bytes) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(("blob " + bytes.length + "\0").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha1.digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every JVM", e);
        }
    }
}
