package org.belladonna.cli.bench;

import org.belladonna.app.Studio;
import org.belladonna.artworks.ProtectionService;
import org.belladonna.cli.UserError;
import org.belladonna.images.BadImageException;
import org.belladonna.images.Upload;
import org.belladonna.memory.SystemMemory;
import org.belladonna.models.ModelRegistry;
import org.belladonna.protect.ProtectionSettings;
import org.belladonna.store.DirectoryContentStore;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench protect --workers 1,2,4}: the same batch of protections run by 1, 2, 4 ... {@code worker}
 * processes on this machine sharing one PostgreSQL database and one image directory, timed from submission to
 * the last job's end. Each worker gets an equal share of the cores, so the figures show what more processes add
 * on one machine (on separate hosts, each would have its own).
 */
final class WorkerThroughput {
    private static final long MB = 1 << 20;

    private final String database;
    private final Path images;
    private final ModelRegistry models;
    private final PrintStream out;

    /**
     * @param images the image store of this database's studio: it keeps what the rows name (the concepts'
     *               anchors, earlier batches), so it must be the same directory on every run over the database
     */
    WorkerThroughput(String database, Path images, ModelRegistry models, PrintStream out) {
        this.database = database;
        this.images = images;
        this.models = models;
        this.out = out;
    }

    /** One line per worker count. */
    record Result(int workers, int threadsEach, int images, double wallSeconds, double meanJobSeconds, long peakWorkerMb) {
        double imagesPerMinute() {
            return images * 60 / wallSeconds;
        }
    }

    List<Result> run(List<Integer> workerCounts, BufferedImage artwork, int images, ProtectionSettings settings, String concept)
            throws IOException, InterruptedException {
        int cores = Runtime.getRuntime().availableProcessors();
        List<Result> results = new ArrayList<>();
        out.printf("%7s %8s %6s %9s %10s %9s %8s %14s%n", "workers", "threads", "images", "wall s", "images/min", "speed-up",
                "s/job", "peak MB/worker");
        for (int n : workerCounts) {
            Result r = once(n, Math.max(1, cores / n), artwork, images, settings, concept);
            results.add(r);
            double speedUp = r.imagesPerMinute() / results.get(0).imagesPerMinute();
            out.printf(Locale.ROOT, "%7d %8d %6d %9.1f %10.2f %8.2fx %8.1f %14d%n", r.workers(), r.threadsEach(), r.images(),
                    r.wallSeconds(), r.imagesPerMinute(), speedUp, r.meanJobSeconds(), r.peakWorkerMb());
        }
        out.println("wall s = first submission to the last job's end, workers already started (model loading included in "
                + "their first job). s/job = mean of each job's own start-to-end. speed-up against the first row. peak MB = "
                + "the largest worker's peak resident memory (VmHWM).");
        return results;
    }

    private Result once(int n, int threads, BufferedImage artwork, int count, ProtectionSettings settings, String concept)
            throws IOException, InterruptedException {
        Path root = Files.createTempDirectory("belladonna-bench-workers-"); // the processes' own --data directories
        Studio studio = Studio.open(root.resolve("submitter"), models, new DirectoryContentStore(images), database);
        studio.jobs().start(java.util.EnumSet.noneOf(org.belladonna.jobs.Lane.class)); // queues into the lanes, runs none
        List<Process> workers = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                workers.add(startWorker(root, i, images, threads));
            }
            for (int i = 0; i < n; i++) {
                awaitReady(workers.get(i), root.resolve("worker-" + i + ".log"));
            }
            List<Upload> uploads = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                uploads.add(new Upload("bench-" + i + ".png", png(window(artwork, i, count, settings.workingSize()))));
            }
            long t0 = System.nanoTime();
            long conceptId = studio.concepts().findByName(concept).orElseThrow().concept().id();
            ProtectionService.Submission batch;
            try {
                batch = studio.protection().submit(uploads, conceptId, settings);
            } catch (BadImageException | IllegalArgumentException e) {
                throw new UserError("the bench batch was refused: " + e.getMessage(), e);
            }
            List<Long> jobIds = batch.protectionIds().stream()
                    .map(id -> studio.protection().find(id).orElseThrow().jobId()).toList();
            long deadline = System.nanoTime() + TimeUnit.HOURS.toNanos(2);
            while (true) {
                int done = 0;
                for (long id : jobIds) {
                    var job = studio.jobs().find(id).orElseThrow();
                    if (job.state().equals("failed") || job.state().equals("cancelled")) {
                        throw new UserError("bench job " + id + " " + job.state() + ": " + job.error());
                    }
                    done += job.state().equals("done") ? 1 : 0;
                }
                if (done == jobIds.size()) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new UserError("the bench did not finish within 2 hours");
                }
                Thread.sleep(200);
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            double meanJob = jobIds.stream().map(id -> studio.jobs().find(id).orElseThrow())
                    .mapToDouble(j -> Duration.between(Instant.parse(j.startedAt()), Instant.parse(j.finishedAt())).toMillis() / 1000.0)
                    .average().orElse(0);
            long peak = 0;
            SystemMemory memory = SystemMemory.live();
            for (Process w : workers) {
                peak = Math.max(peak, memory.peakResidentBytes(w.pid()) / MB);
            }
            return new Result(n, threads, count, wall, meanJob, peak);
        } finally {
            for (Process w : workers) {
                w.destroy(); // SIGTERM: a worker leaves JobRunr's server list on the way out
            }
            for (Process w : workers) {
                if (!w.waitFor(1, TimeUnit.MINUTES)) {
                    w.destroyForcibly();
                }
            }
            studio.jobs().close();
        }
    }

    private Process startWorker(Path root, int i, Path images, int threads) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx2g", "-cp", System.getProperty("java.class.path"),
                "org.belladonna.cli.Main", "worker", "--database", database, "--data", root.resolve("worker-" + i).toString(),
                "--store", images.toString(), "--models", models.dir().toString())
                .redirectErrorStream(true).redirectOutput(root.resolve("worker-" + i + ".log").toFile());
        pb.environment().put("BELLADONNA_THREADS", Integer.toString(threads));
        return pb.start();
    }

    private static void awaitReady(Process worker, Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            if (text.contains("Belladonna worker running")) {
                return;
            }
            if (!worker.isAlive()) {
                throw new UserError("a worker exited before it was ready: " + text.strip());
            }
            Thread.sleep(200);
        }
        throw new UserError("a worker was not ready within 5 minutes (" + log + ")");
    }

    /** Image i of the batch: its own window of the artwork, so no two inputs are the same file. */
    private static BufferedImage window(BufferedImage art, int i, int count, int size) {
        int side = Math.min(Math.min(art.getWidth(), art.getHeight()), Math.max(size, 64));
        int slack = Math.max(0, art.getWidth() - side);
        int x = count <= 1 ? 0 : slack * i / (count - 1);
        BufferedImage crop = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        crop.getGraphics().drawImage(art, -x, -(art.getHeight() - side) / 2, null);
        return crop;
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "png", bytes);
        return bytes.toByteArray();
    }
}
