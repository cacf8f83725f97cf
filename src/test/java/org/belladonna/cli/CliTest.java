package org.belladonna.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class CliTest {
    @TempDir
    Path dir;

    /** Runs the CLI capturing stdout and stderr. */
    public record Run(int code, String out, String err) {
    }

    public static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true));
            System.setErr(new PrintStream(err, true));
            int code = Main.run(args);
            return new Run(code, out.toString(), err.toString());
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void everyCommandHasHelpAndVersion() {
        List<List<String>> paths = new ArrayList<>();
        collect(new CommandLine(new BelladonnaCommand()), new ArrayList<>(), paths);
        assertTrue(paths.size() >= 4, "commands found: " + paths);
        for (List<String> path : paths) {
            List<String> help = new ArrayList<>(path);
            help.add("--help");
            Run r = run(help.toArray(String[]::new));
            assertEquals(0, r.code(), "help of " + path);
            assertTrue(r.out().contains("Usage:"), "help of " + path + ": " + r.out());
            List<String> version = new ArrayList<>(path);
            version.add("--version");
            assertTrue(run(version.toArray(String[]::new)).out().contains("belladonna"), "version of " + path);
        }
    }

    private static void collect(CommandLine cmd, List<String> prefix, List<List<String>> into) {
        into.add(prefix);
        cmd.getSubcommands().forEach((name, sub) -> {
            if (!sub.getCommandSpec().name().equals(name)) {
                return; // alias
            }
            List<String> path = new ArrayList<>(prefix);
            path.add(name);
            collect(sub, path, into);
        });
    }

    @Test
    void aMemoryBudgetThatIsNotASizeIsRefusedBeforeAnythingStarts() {
        Run r = run("serve", "--memory-budget", "lots", "--port", "0");
        assertEquals(Main.BAD_INPUT, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("belladonna serve: --memory-budget: ") && r.err().contains("6g"), r.err());
    }

    @Test
    void badArgumentsGiveOneLineAndNonZero() {
        Run r = run("serve", "--port", "banana");
        assertEquals(Main.USAGE, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("belladonna serve: ") && r.err().contains("--port"), r.err());
        Run unknown = run("frobnicate");
        assertEquals(Main.USAGE, unknown.code());
        assertEquals(1, unknown.err().strip().lines().count(), unknown.err());
        assertTrue(unknown.err().startsWith("belladonna: "), unknown.err());
    }

    /** Every command of the tree, given an option it does not have: one line, its own name first, the usage code. */
    @Test
    void everyCommandAnswersABadArgumentInOneLineWithItsName() {
        List<List<String>> paths = new ArrayList<>();
        collect(new CommandLine(new BelladonnaCommand()), new ArrayList<>(), paths);
        for (List<String> path : paths) {
            List<String> args = new ArrayList<>(path);
            args.add("--no-such-option");
            Run r = run(args.toArray(String[]::new));
            String name = String.join(" ", List.of("belladonna", String.join(" ", path))).strip();
            assertEquals(Main.USAGE, r.code(), name + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), name + ": " + r.err());
            assertTrue(r.err().startsWith(name + ": "), name + ": " + r.err());
            assertEquals("", r.out(), name);
        }
    }

    @Test
    void badInputIsOneLineWithTheBadInputCode() {
        Run r = run("see", dir.resolve("no-such.png").toString(), "--out", dir.resolve("x.png").toString(),
                "--models", dir.toString());
        assertEquals(Main.BAD_INPUT, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("belladonna see: "), r.err());
        Run range = run("bench", "encoder", "--runs", "0");
        assertEquals(Main.USAGE, range.code(), range.err());
        assertTrue(range.err().startsWith("belladonna bench encoder: --runs"), range.err());
    }

    @Test
    void corruptDatabaseIsReportedInOneLineAndKept() throws Exception {
        Files.writeString(dir.resolve("belladonna.db"), "not sqlite at all, really not".repeat(50));
        Run r = run("gc", "--data", dir.toString());
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().startsWith("belladonna gc: "), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("not a usable SQLite database"), r.err());
        assertTrue(Files.readString(dir.resolve("belladonna.db")).startsWith("not sqlite"));
    }

    @Test
    void uncreatableDataDirIsReportedInOneLine() throws Exception {
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        Run r = run("serve", "--data", file.resolve("sub").toString(), "--port", "0");
        assertEquals(Main.BAD_INPUT, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("cannot create the data directory"), r.err());
    }

    /** Every surrogate family's encoder and decoder is known, with the command that installs it. */
    @Test
    void modelsListShowsEveryFamilyWithItsInstallCommand() {
        Run r = run("models", "list", "--models", dir.toString());
        assertEquals(Main.OK, r.code(), r.err());
        for (org.belladonna.vae.Family f : org.belladonna.vae.Family.values()) {
            for (String id : List.of(f.encoderId(), f.decoderId())) {
                assertTrue(r.out().lines().anyMatch(l -> l.startsWith(id + " ") && l.contains("missing")
                        && l.contains("install: belladonna models pull " + id)), id + " in\n" + r.out());
            }
        }
    }
}
