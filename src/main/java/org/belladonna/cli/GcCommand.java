package org.belladonna.cli;

import org.belladonna.app.Studio;
import org.belladonna.app.UploadSweeper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.time.Duration;
import java.util.concurrent.Callable;

@Command(name = "gc", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Delete stored image files that nothing refers to any more, and uploads or spool files",
                "left by a server that was killed (not touched for an hour; a running server sweeps its own at start)."})
public final class GcCommand implements Callable<Integer> {
    @Mixin
    DataDirOption dirs;

    @Override
    public Integer call() {
        Studio studio = dirs.open();
        int deleted = studio.store().collectGarbage();
        // An upload being written by a live server is younger than this; an abandoned one is not.
        UploadSweeper.Swept swept = studio.sweepUploads(Duration.ofHours(1));
        System.out.println("Deleted " + deleted + " unused file" + (deleted == 1 ? "" : "s") + " and " + swept.files()
                + " leftover upload" + (swept.files() == 1 ? "" : "s") + " (" + swept.bytes() + " bytes).");
        return 0;
    }
}
