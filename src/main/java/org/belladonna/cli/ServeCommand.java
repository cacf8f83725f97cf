package org.belladonna.cli;

import io.javalin.Javalin;
import org.belladonna.app.Studio;
import org.belladonna.jobs.HostIdentity;
import org.belladonna.jobs.Lane;
import org.belladonna.web.WebServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import org.belladonna.memory.MemoryBudget;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.EnumSet;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Start the web app (default http://127.0.0.1:7070).")
public final class ServeCommand implements Callable<Integer> {
    /** The account made on the first start off loopback. */
    static final String FIRST_ADMIN = "admin";

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}). "
            + "Any address other than loopback (e.g. 0.0.0.0) exposes it to the network and then needs accounts: the first start "
            + "makes an admin and prints its password once.")
    String host;

    @Option(names = "--port", defaultValue = "7070", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--kiosk", description = "Serve only the read-only exhibition show.")
    boolean kiosk;

    @Option(names = "--offline", description = "Never download anything (models must be installed with 'belladonna models pull').")
    boolean offline;

    @Mixin
    DataDirOption dirs;

    @Mixin
    LanesOption lanes;

    @Option(names = "--memory-budget", paramLabel = "SIZE",
            description = "Most memory the server may use for work and uploads, e.g. 6g (default: $" + MemoryBudget.ENV
                    + ", else 80 % of this machine's memory or container limit). Work that cannot fit is refused "
                    + "with a message; work that could fit waits its turn.")
    String memoryBudget;

    /** The studio {@link #start} opened, closed (its database connections) when the server stops. */
    private Studio studio;

    @Override
    public Integer call() throws InterruptedException {
        Javalin app = start(System.out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.stop();
            studio.store().close();
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
        return 0;
    }

    /**
     * Opens the studio and starts the server; off loopback, makes the first admin when there is no account
     * and prints its password, once. Prints where it runs.
     */
    Javalin start(PrintStream out) {
        if (port < 0 || port > 65535) {
            throw new UserError("--port must be between 0 and 65535, not " + port);
        }
        String budget = memoryBudget != null ? memoryBudget : System.getenv(MemoryBudget.ENV);
        if (budget != null) {
            try {
                MemoryBudget.parseSize(budget);
            } catch (IllegalArgumentException e) {
                throw new UserError((memoryBudget != null ? "--memory-budget: " : MemoryBudget.ENV + ": ") + e.getMessage());
            }
            System.setProperty(MemoryBudget.PROPERTY, budget);
        }
        Set<Lane> serving = lanes.lanesOr(EnumSet.allOf(Lane.class));
        studio = dirs.open();
        boolean signIn = !kiosk && !WebServer.isLoopback(host);
        Javalin app;
        try {
            app = new WebServer(studio, new WebServer.Options(kiosk, offline, serving)).start(host, port);
        } catch (HostIdentity.Taken e) {
            throw new UserError(e.getMessage());
        } catch (RuntimeException e) {
            throw new UserError("cannot listen on " + host + ":" + port + " (" + rootMessage(e) + ")");
        }
        // Made once the server runs, so a failed start never makes an admin whose password nobody saw.
        Optional<String> firstPassword = signIn ? studio.accounts().createFirstAdmin(FIRST_ADMIN) : Optional.empty();
        out.println("Belladonna " + (kiosk ? "kiosk " : "") + "is running at http://" + displayHost() + ":" + app.port()
                + "/  (data: " + studio.store().dataDir() + ", memory budget for work: "
                + MemoryBudget.human(studio.jobs().memory().budgetMib()) + ")  Ctrl-C stops it.");
        if (studio.store().database().file() == null) {
            out.println("The tables are in " + studio.store().database().describe() + ".");
        }
        if (!studio.store().files().describe().equals(studio.store().dataDir().toString())) {
            out.println("Images are kept in " + studio.store().files().describe() + ".");
        }
        if (signIn) {
            out.println("It is reachable beyond this machine, so everything but /health needs an account.");
            firstPassword.ifPresentOrElse(
                    p -> out.println("Created the admin account '" + FIRST_ADMIN + "'. Its password, shown only this once: " + p
                            + "  (change it with 'belladonna users passwd " + FIRST_ADMIN + "')"),
                    () -> out.println("Sign in with an account; 'belladonna users list' shows them."));
        }
        return app;
    }

    private String displayHost() {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    private static String rootMessage(Throwable e) {
        while (e.getCause() != null) {
            e = e.getCause();
        }
        return e.getMessage();
    }
}
