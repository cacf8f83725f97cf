package org.belladonna.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A {@code belladonna} command in its own JVM (a server or a worker), as a user starts it, with its output in a
 * log file: for the tests that kill processes mid-job.
 */
public final class StudioProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private StudioProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code belladonna args...} with this test's classpath; output goes to {@code log}. */
    public static StudioProcess start(Path log, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx1g", "-Dai.djl.offline=true", "-cp",
                System.getProperty("java.class.path"), "org.belladonna.cli.Main"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new StudioProcess(p, log);
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String output() throws IOException {
        return Files.readString(log);
    }

    /** Waits until the output has a line containing {@code text}; fails at once, with the output, if the process exits. */
    public void awaitOutput(String text, Duration atMost) {
        await(log.getFileName() + " saying '" + text + "'").atMost(atMost).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    String out = output();
                    if (!process.isAlive() && !out.contains(text)) {
                        throw new AssertionError("exited " + process.exitValue() + ": " + out);
                    }
                    return out.contains(text);
                });
    }

    /**
     * Sends a signal (STOP, CONT) through sh's built-in kill: Java's Process can only terminate or kill, and sh is
     * on every Debian machine while procps is not.
     */
    public void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("sh", "-c", "kill -s " + name + " " + process.pid()).redirectErrorStream(true).start();
        assertEquals(0, kill.waitFor(), "kill -" + name + ": " + new String(kill.getInputStream().readAllBytes()));
    }

    /** Dies at once, without running any shutdown code: as in a crash or a power cut. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** Stops as Ctrl-C would (SIGTERM: shutdown hooks run), and waits at most a minute. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(1, java.util.concurrent.TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
