package org.belladonna.cli;

import io.javalin.Javalin;
import org.belladonna.app.Studio;
import org.belladonna.web.WebServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Start the web app (default http://127.0.0.1:7070).")
public final class ServeCommand implements Callable<Integer> {
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}; 0.0.0.0 exposes it to the network).")
    String host;

    @Option(names = "--port", defaultValue = "7070", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--kiosk", description = "Serve only the read-only exhibition show.")
    boolean kiosk;

    @Option(names = "--offline", description = "Never download anything (models must be installed with 'belladonna models pull').")
    boolean offline;

    @Mixin
    DataDirOption dirs;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw new UserError("--port must be between 0 and 65535, not " + port);
        }
        Studio studio = dirs.open();
        Javalin app;
        try {
            app = new WebServer(studio, new WebServer.Options(kiosk, offline)).start(host, port);
        } catch (RuntimeException e) {
            throw new UserError("cannot listen on " + host + ":" + port + " (" + rootMessage(e) + ")");
        }
        System.out.println("Belladonna " + (kiosk ? "kiosk " : "") + "is running at http://" + displayHost() + ":" + app.port()
                + "/  (data: " + studio.store().dataDir() + ")  Ctrl-C stops it.");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.stop();
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
        return 0;
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
