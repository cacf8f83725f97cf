package org.belladonna.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromptTableCsvTest {

    /** A strict RFC 4180 reader, only for checking the writer. */
    static List<List<String>> parse(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        int i = 0;
        while (i < csv.length()) {
            char c = csv.charAt(i);
            if (c == '"' && f.length() == 0) {
                i++;
                boolean closed = false;
                while (!closed && i < csv.length()) {
                    char q = csv.charAt(i++);
                    if (q == '"') {
                        if (i < csv.length() && csv.charAt(i) == '"') { f.append('"'); i++; } else closed = true;
                    } else f.append(q);
                }
                assertTrue(closed, "quoted field never closed");
            } else if (c == ',') {
                row.add(f.toString()); f.setLength(0); i++;
            } else if (c == '\r') {
                assertEquals('\n', csv.charAt(i + 1), "CRLF");
                row.add(f.toString()); f.setLength(0); rows.add(row); row = new ArrayList<>(); i += 2;
            } else {
                assertTrue(c != '\n' && c != '"', "bare LF or quote outside quotes at " + i);
                f.append(c); i++;
            }
        }
        assertEquals(0, row.size() + f.length(), "last line ends with CRLF");
        return rows;
    }

    @Test
    void roundTripsThroughAStrictReader() {
        Analysis a = Analysis.of(StudyShape.experiment());
        String csv = PromptTableCsv.write(a);
        List<List<String>> rows = parse(csv);
        assertEquals(7, rows.size());
        assertEquals(PromptTableCsv.HEADER, rows.get(0));
        for (List<String> r : rows) assertEquals(PromptTableCsv.HEADER.size(), r.size());
        assertEquals("Impression, Sunrise", rows.get(2).get(1));
        assertEquals("a red \"sports\" car", rows.get(5).get(1));
        assertTrue(csv.contains("\"a red \"\"sports\"\" car\""));
        assertTrue(csv.contains(",\"Impression, Sunrise\","));

        PromptResult first = a.prompts().get(0);
        List<String> r1 = rows.get(1);
        assertEquals(first.id(), r1.get(0));
        assertEquals("related", r1.get(2));
        assertEquals("NIMA (AVA)", r1.get(3));
        assertEquals("12", r1.get(4));
        assertEquals(first.pctChange().get(), Double.parseDouble(col(r1, "pct_change")), 0.0005);
        assertEquals(first.welchP().get(), Double.parseDouble(col(r1, "welch_p")), first.welchP().get() * 1e-3);
        assertTrue(col(r1, "mean_before").matches("\\d+\\.\\d{4}"));
        assertTrue(col(r1, "welch_p").matches("\\d\\.\\d{3}e[-+]\\d{2}"));
        // Only the primary test (Welch, no seeds here) is Holm-adjusted; Mann-Whitney is secondary and unadjusted.
        // Issue 15 added the paired columns: without seeds they are empty and say so.
        assertTrue(col(r1, "not_reported").startsWith("mann_whitney_p_holm: secondary test, not adjusted;"),
                col(r1, "not_reported"));
        assertTrue(col(r1, "not_reported").contains("paired_p: no seed pairs"), col(r1, "not_reported"));
        assertEquals("independent samples", col(r1, "design"));
        assertEquals(first.primaryPHolm().get(), Double.parseDouble(col(r1, "primary_p_holm")), first.primaryPHolm().get() * 1e-3);
    }

    @Test
    void byteIdenticalForTheSameInput() {
        String once = PromptTableCsv.write(Analysis.of(StudyShape.experiment()));
        String twice = PromptTableCsv.write(Analysis.of(StudyShape.experiment()));
        assertEquals(once, twice);
    }

    @Test
    void missingCellsAreEmptyWithAReason() {
        Experiment e = new Experiment("NIMA", List.of(
                new PromptScores("x", "line\nbreak", false, new double[] {5, 6}, new double[] {5, 6, 7})));
        List<List<String>> rows = parse(PromptTableCsv.write(Analysis.of(e)));
        List<String> r = rows.get(1);
        assertEquals("line\nbreak", r.get(1));
        assertEquals("", col(r, "welch_p"));
        assertEquals("", col(r, "mean_before_ci_low"));
        assertEquals("0.7071", col(r, "sd_before"));
        String why = col(r, "not_reported");
        assertTrue(why.startsWith("mean_before_ci_low: n too small; mean_before_ci_high: n too small;"), why);
        assertTrue(why.contains("welch_p_holm: n too small"), why);
        assertTrue(!why.contains("mean_after_ci"), why);
    }

    private static String col(List<String> row, String name) {
        return row.get(PromptTableCsv.HEADER.indexOf(name));
    }
}
