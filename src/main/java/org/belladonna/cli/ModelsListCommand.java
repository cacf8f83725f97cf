package org.belladonna.cli;

import org.belladonna.models.ModelRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "list", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Show each known model: installed, missing or corrupt (digest does not match its pin);"
                + " unpinned models show the SHA-256 recorded when they were installed.")
public final class ModelsListCommand implements Callable<Integer> {
    @Mixin
    ModelsDirOption models;

    @Override
    public Integer call() throws IOException {
        ModelRegistry registry = models.registry();
        java.util.List<ModelRegistry.Entry> entries = registry.list();
        int idWidth = entries.stream().mapToInt(e -> e.model().id().length()).max().orElse(2);
        int fileWidth = entries.stream().mapToInt(e -> e.file().toString().length()).max().orElse(4);
        String row = "%-" + idWidth + "s  %-9s  %-" + fileWidth + "s  %-10s  %s%n";
        System.out.printf(row, "ID", "STATUS", "FILE", "LICENCE", "");
        for (ModelRegistry.Entry e : entries) {
            String hint = switch (e.status()) {
                case INSTALLED -> "";
                case MISSING -> "install: " + e.installCommand();
                case CORRUPT -> "reinstall: " + e.installCommand() + " --force";
            };
            // Upstream publishes no digest: say so, and show the SHA-256 this install recorded (scores carry it).
            if (e.unpinned()) {
                hint = ("unpinned; " + (e.recordedSha256() != null ? "SHA-256 recorded at install " + e.recordedSha256()
                        : "no SHA-256 recorded yet") + (hint.isEmpty() ? "" : "; " + hint));
            }
            System.out.printf(row, e.model().id(), e.status().name().toLowerCase(Locale.ROOT), e.file(),
                    e.model().licence(), hint);
        }
        return 0;
    }
}
