package org.belladonna.testing;

import org.belladonna.store.PostgresUrl;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A PostgreSQL server for tests, one per test JVM, and a fresh database on it for whoever asks.
 * <ol>
 *   <li>{@code BELLADONNA_TEST_POSTGRES} set (a {@code postgresql://} URL of a server and a superuser, as
 *       {@code .ci/run} exports): that server.</li>
 *   <li>Else Debian's PostgreSQL binaries ({@code /usr/lib/postgresql/<major>/bin}, not on PATH): a throwaway
 *       cluster in a temp directory, trust auth on 127.0.0.1 and a free port, fsync off, run as the
 *       {@code postgres} user when the tests run as root (PostgreSQL refuses root), stopped and deleted when
 *       the JVM exits.</li>
 *   <li>Else the test is aborted (skipped) with a message saying what to install.</li>
 * </ol>
 * Every database is made from template0 with UTF8 and the C collation, so ORDER BY on text gives the byte
 * order SQLite gives.
 */
public final class Postgres {
    public static final String ENV = "BELLADONNA_TEST_POSTGRES";
    private static final Path DEBIAN = Path.of("/usr/lib/postgresql");
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private Postgres() {
    }

    /**
     * A new, empty database: a {@code postgresql://} URL for {@code Store.open}/{@code Studio.open} or
     * {@code serve --database}. Aborts the calling test when no server can be had.
     */
    public static String freshDatabaseUrl() {
        Server server = Server.get();
        String name = "belladonna_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = server.admin(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database on " + server.url + ": " + e.getMessage(), e);
        }
        return server.url.withDatabase(name);
    }

    /** The one server of this JVM, started (or found) at first use. */
    private static final class Server {
        private static Server instance;
        private static Throwable failed;

        final ServerUrl url;

        private Server(ServerUrl url) {
            this.url = url;
        }

        static synchronized Server get() {
            if (instance == null && failed == null) {
                try {
                    instance = start();
                } catch (RuntimeException | Error e) {
                    failed = e;
                }
            }
            if (failed != null) {
                if (failed instanceof org.opentest4j.TestAbortedException abort) {
                    throw abort;
                }
                throw new IllegalStateException("the test PostgreSQL server could not be started: " + failed.getMessage(), failed);
            }
            return instance;
        }

        private static Server start() {
            String given = System.getenv(ENV);
            if (given != null && !given.isBlank()) {
                return new Server(ServerUrl.of(given.strip()));
            }
            Path bin = binaries().orElse(null);
            if (bin == null) {
                Assumptions.abort("No PostgreSQL for this test: set " + ENV + "=postgresql://user:password@host:port/db "
                        + "(a superuser), or install Debian's server (apt-get install postgresql) so the tests start their own");
            }
            return new Server(ServerUrl.of(Cluster.start(bin)));
        }

        Connection admin() throws SQLException {
            PostgresUrl u = url.parsed;
            return DriverManager.getConnection(u.jdbcUrl(), u.user(), u.password());
        }
    }

    /** A server's URL, and the same URL naming another database. */
    private record ServerUrl(URI uri, PostgresUrl parsed) {
        static ServerUrl of(String text) {
            String plain = text.startsWith("jdbc:") ? text.substring("jdbc:".length()) : text;
            return new ServerUrl(URI.create(plain), PostgresUrl.parse(plain));
        }

        String withDatabase(String name) {
            try {
                return new URI(uri.getScheme(), uri.getUserInfo(), uri.getHost(), uri.getPort(), "/" + name, uri.getQuery(), null)
                        .toString();
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String toString() {
            return parsed.toString();
        }
    }

    /** The newest Debian PostgreSQL bin directory with an initdb, if any. */
    static Optional<Path> binaries() {
        if (!Files.isDirectory(DEBIAN)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(DEBIAN)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparingInt(b -> major(b.getParent().getFileName().toString())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int major(String name) {
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A throwaway cluster: initdb, pg_ctl start; a shutdown hook stops it and deletes its directory. */
    private static final class Cluster {
        private static final long TOOL_SECONDS = 60;

        static String start(Path bin) {
            boolean root = "root".equals(System.getProperty("user.name"));
            try {
                // Not under a JUnit @TempDir: that is private to root, and the server may run as postgres.
                Path dir = Files.createTempDirectory("belladonna-pg-");
                if (root) {
                    Files.setOwner(dir, dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres"));
                }
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
                int port = Ports.free();
                Path data = dir.resolve("data");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(bin, dir, data, root), "postgres-stop"));
                long t0 = System.nanoTime();
                run(bin, dir, root, "initdb", "-D", data.toString(), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                        "--locale=C", "--no-sync", "--no-instructions");
                long t1 = System.nanoTime();
                run(bin, dir, root, "pg_ctl", "-D", data.toString(), "-l", dir.resolve("log").toString(), "-w", "-t", "30",
                        "-o", "-k " + dir + " -p " + port + " -c listen_addresses=127.0.0.1 -c fsync=off"
                                + " -c full_page_writes=off -c synchronous_commit=off -c max_connections=300", "start");
                System.out.printf("test PostgreSQL (%s) on 127.0.0.1:%d: initdb %d ms, start %d ms%n", bin.getParent().getFileName(),
                        port, (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000);
                return "postgresql://postgres@127.0.0.1:" + port + "/postgres";
            } catch (IOException e) {
                throw new IllegalStateException("cannot start a test PostgreSQL server: " + e.getMessage(), e);
            }
        }


        private static void stop(Path bin, Path dir, Path data, boolean root) {
            try {
                if (Files.exists(data.resolve("postmaster.pid"))) {
                    run(bin, dir, root, "pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "-t", "30", "stop");
                }
            } catch (RuntimeException e) {
                System.err.println("test PostgreSQL: " + e.getMessage());
            } finally {
                try {
                    Trees.delete(dir);
                } catch (IOException ignored) {
                    // a temp directory left behind is harmless
                }
            }
        }

        /** Runs a PostgreSQL tool (as postgres when root), bounded; its output goes to a file shown on failure. */
        private static void run(Path bin, Path dir, boolean root, String tool, String... args) {
            List<String> command = new ArrayList<>();
            if (root) {
                command.addAll(List.of("runuser", "-u", "postgres", "--"));
            }
            command.add(bin.resolve(tool).toString());
            command.addAll(List.of(args));
            try {
                Path out = Files.createTempFile("belladonna-pg-" + tool + "-", ".log");
                try {
                    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
                    if (!p.waitFor(TOOL_SECONDS, TimeUnit.SECONDS)) {
                        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                        throw new IllegalStateException(tool + " did not finish within " + TOOL_SECONDS + " s");
                    }
                    if (p.exitValue() != 0) {
                        throw new IllegalStateException(tool + " failed (exit " + p.exitValue() + "): " + Files.readString(out).strip());
                    }
                } finally {
                    Files.deleteIfExists(out);
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot run " + tool + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(tool + " was interrupted", e);
            }
        }
    }
}
