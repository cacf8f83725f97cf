package org.belladonna.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "gc", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Delete stored image files that nothing refers to any more.")
public final class GcCommand implements Callable<Integer> {
    @Mixin
    DataDirOption dirs;

    @Override
    public Integer call() {
        int deleted = dirs.open().store().collectGarbage();
        System.out.println("Deleted " + deleted + " unused file" + (deleted == 1 ? "" : "s") + ".");
        return 0;
    }
}
