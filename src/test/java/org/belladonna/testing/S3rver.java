package org.belladonna.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real S3-compatible server for tests: s3rver (npm), installed by {@code .ci/run} into
 * {@code src/test/s3rver/node_modules} from its own lockfile and started here on a free loopback port over a
 * temporary directory, with one bucket. Where node or s3rver is absent the test is skipped, saying how to
 * install it; CI always has both.
 */
public final class S3rver implements AutoCloseable {
    public static final String BUCKET = "images";
    /** s3rver's fixed credentials. */
    public static final String KEY = "S3RVER";
    public static final String SECRET = "S3RVER";
    private static final Path SCRIPT = Path.of("src/test/s3rver/node_modules/s3rver/bin/s3rver.js");

    private final Process process;
    private final int port;

    private S3rver(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts one over {@code dir}; skips the calling test when node or s3rver is not installed. */
    public static S3rver start(Path dir) throws IOException {
        assumeTrue(Files.isRegularFile(SCRIPT), "s3rver is not installed; run: npm ci --prefix src/test/s3rver (.ci/run does)");
        assumeTrue(onPath("node"), "node is not installed (apt-get install nodejs npm; .ci/run does)");
        int port = Ports.free();
        Process p = new ProcessBuilder("node", SCRIPT.toString(), "-d", dir.toString(), "-a", "127.0.0.1",
                "-p", Integer.toString(port), "--silent", "--no-vhost-buckets", "--configure-bucket", BUCKET)
                .redirectErrorStream(true).redirectOutput(dir.resolveSibling(dir.getFileName() + ".log").toFile()).start();
        S3rver server = new S3rver(p, port);
        try {
            await("s3rver listening on " + port).atMost(Waits.SERVER_START).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        if (!p.isAlive()) {
                            throw new AssertionError("s3rver exited with " + p.exitValue());
                        }
                        return server.accepts();
                    });
        } catch (RuntimeException | AssertionError e) {
            server.close();
            throw e;
        }
        return server;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    private boolean accepts() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean onPath(String command) {
        try {
            Process p = new ProcessBuilder(command, "--version").redirectErrorStream(true).start();
            if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
