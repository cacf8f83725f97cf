package org.belladonna.cli.bench;

import org.belladonna.cli.BelladonnaCommand;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchNimaCommandTest {
    @Test
    void runsOnSyntheticWeightsAndSaysSo() {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new BelladonnaCommand());
        cli.setOut(new PrintWriter(out));
        int code = cli.execute("bench", "nima", "--batch", "1,2", "--seconds", "0.001");
        assertEquals(0, code, out.toString());
        assertTrue(out.toString().contains("weights: synthetic"), out.toString());
        assertTrue(out.toString().lines().anyMatch(l -> l.matches("\\s+2\\s+[0-9.]+\\s+[0-9.]+")), out.toString());
    }

    @Test
    void missingWeightFileIsBadInput() {
        org.belladonna.cli.CliTest.Run r = org.belladonna.cli.CliTest.run("bench", "nima", "--weights", "/nonexistent/w.hdf5");
        assertEquals(org.belladonna.cli.Main.BAD_INPUT, r.code());
        assertEquals("belladonna bench nima: weight file not found: /nonexistent/w.hdf5", r.err().strip());
    }
}
