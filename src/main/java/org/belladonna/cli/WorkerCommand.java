package org.belladonna.cli;

import org.belladonna.app.Studio;
import org.belladonna.jobs.HostIdentity;
import org.belladonna.jobs.Lane;
import org.belladonna.models.Compute;
import org.belladonna.memory.MemoryBudget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.IOException;
import java.io.PrintStream;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * A host that only runs background work for a studio it shares a database and an image store with: no web
 * server, no port. Start as many as there are machines (one per GPU); the database hands each job to one of
 * them, and when a worker dies mid-job another takes the job over.
 */
@Command(name = "worker", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Run background jobs (by default the device lane: protection, NIMA scoring, model's-eye views)",
                "for a studio whose PostgreSQL database and image store this machine shares. It opens no port."})
public final class WorkerCommand implements Callable<Integer> {
    @Mixin
    DataDirOption dirs;

    @Mixin
    LanesOption lanes;

    @Override
    public Integer call() throws InterruptedException, IOException {
        CountDownLatch stopped = new CountDownLatch(1);
        Studio studio = start(System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                studio.jobs().close();
            } catch (IOException e) {
                System.err.println("belladonna worker: stopping the jobs: " + e.getMessage());
            }
            studio.store().close();
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
        return 0;
    }

    /** Opens the studio and starts its lanes; prints what it runs and where. */
    Studio start(PrintStream out) {
        Set<Lane> serve = lanes.lanesOr(EnumSet.of(Lane.DEVICE));
        Studio studio = dirs.open();
        if (!studio.store().database().sharedByHosts()) {
            throw new UserError("a worker needs the studio's shared database: --database postgresql://HOST/DB "
                    + "(or $BELLADONNA_DATABASE); with the default SQLite file, 'belladonna serve' runs every job itself");
        }
        try {
            studio.jobs().start(serve);
        } catch (HostIdentity.Taken e) {
            throw new UserError(e.getMessage());
        }
        String where = serve.contains(Lane.DEVICE) ? " on " + Compute.get().describe() : "";
        out.println("Belladonna worker running " + serve.stream().map(Lane::id).collect(Collectors.joining(", "))
                + " jobs" + where + " (data: " + studio.store().dataDir() + ", images: " + studio.store().files().describe()
                + ", memory budget for work: " + MemoryBudget.human(studio.jobs().memory().budgetMib()) + ")  Ctrl-C stops it.");
        out.flush();
        return studio;
    }
}
