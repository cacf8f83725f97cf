package org.belladonna.scores;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.belladonna.app.Studio;
import org.belladonna.archive.ImportSummary;
import org.belladonna.archive.Importer;
import org.belladonna.progress.Progress;
import org.belladonna.stats.Design;
import org.belladonna.stats.GroupComparison;
import org.belladonna.stats.PValueKind;
import org.belladonna.stats.PromptResult;
import org.belladonna.stats.Value;
import org.belladonna.store.ImageStore;
import org.belladonna.testing.Shared;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The reviewers' reference experiment (shared/reference/stats-paired, SciPy 1.10's answers in expected.json)
 * through the product: imported by the real importer (manifest.csv with seeds, scores.csv), read back from the
 * store by {@link ExperimentStats}. Every figure of expected.json must be matched, 1e-6 absolute, p-values 1e-4
 * relative; a field this test does not know fails it, so nothing in expected.json goes unchecked.
 */
class ReferenceImportTest {
    private static final double ABS = 1e-6;
    private static final double REL_P = 1e-4;

    @TempDir
    static Path tmp;

    private static StatsReport report;
    private static JsonNode expected;
    private static Path dir;

    @BeforeAll
    static void importIt() throws Exception {
        dir = Shared.reference("stats-paired");
        Studio studio = Studio.open(tmp.resolve("data"), tmp.resolve("models"));
        ImportSummary summary = studio.importer().run(dir, Importer.Target.byName("reference"), Progress.NONE);
        report = studio.stats().report(summary.experimentId(), "reference-scores");
        expected = new ObjectMapper().readTree(dir.resolve("expected.json").toFile());
    }

    private record Figure(Function<PromptResult, Value> value, boolean pValue) {
    }

    private static final Map<String, Figure> FIGURES = Map.ofEntries(
            Map.entry("mean_before", new Figure(r -> r.before().mean(), false)),
            Map.entry("mean_after", new Figure(r -> r.after().mean(), false)),
            Map.entry("percent_change", new Figure(PromptResult::pctChange, false)),
            Map.entry("welch_t", new Figure(PromptResult::welchT, false)),
            Map.entry("welch_p", new Figure(PromptResult::welchP, true)),
            Map.entry("mann_whitney_p", new Figure(PromptResult::mannWhitneyP, true)),
            Map.entry("paired_t", new Figure(r -> r.paired().t(), false)),
            Map.entry("paired_p", new Figure(r -> r.paired().p(), true)),
            Map.entry("paired_mean_difference", new Figure(PromptResult::meanDifference, false)),
            Map.entry("wilcoxon_signed_rank_p", new Figure(r -> r.paired().wilcoxonP(), true)),
            Map.entry("cohens_d_pooled", new Figure(PromptResult::cohensD, false)),
            Map.entry("hedges_g", new Figure(PromptResult::hedgesG, false)));

    @Test
    void everyPromptFigureThroughImportAndStore() {
        JsonNode all = expected.get("prompts");
        assertEquals(all.size(), report.analysis().prompts().size());
        int checked = 0;
        for (PromptResult r : report.analysis().prompts()) {
            JsonNode e = all.get(r.text());
            String at = r.text() + ": ";
            assertEquals(Design.PAIRED, r.design(), at + "the manifest's seeds must reach the analysis");
            for (Iterator<String> it = e.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                JsonNode want = e.get(field);
                switch (field) {
                    case "group" -> assertEquals(want.asText(), r.group(), at + field);
                    case "n_before" -> assertEquals(want.asInt(), r.before().n(), at + field);
                    case "n_after" -> assertEquals(want.asInt(), r.after().n(), at + field);
                    case "mann_whitney_method" -> assertEquals(want.asText(), r.mannWhitneyMethod().text(), at + field);
                    case "wilcoxon_method" -> assertEquals(want.asText(), r.paired().wilcoxonMethod().text(), at + field);
                    case "paired_difference_ci95" -> {
                        assertEquals(want.get(0).asDouble(), r.meanDifferenceCi().low(), ABS, at + field);
                        assertEquals(want.get(1).asDouble(), r.meanDifferenceCi().high(), ABS, at + field);
                    }
                    default -> {
                        Figure f = FIGURES.get(field);
                        if (f == null) {
                            fail(at + "expected.json has a figure this test does not check: " + field);
                        }
                        double got = f.value().apply(r).get();
                        double tol = f.pValue() ? want.asDouble() * REL_P : ABS;
                        assertEquals(want.asDouble(), got, tol, at + field);
                    }
                }
                checked++;
            }
            // Paired is primary: the primary p is the paired t's.
            assertEquals(r.paired().p(), r.primaryP(), at);
        }
        assertTrue(checked >= 6 * 18, "figures checked: " + checked);
    }

    @Test
    void groupPermutationOverAllSplits() {
        JsonNode e = expected.get("group");
        GroupComparison g = report.analysis().groups();
        Set<String> seen = new HashSet<>();
        for (Iterator<String> it = e.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            seen.add(field);
            switch (field) {
                case "related_minus_control_percent_points" -> assertEquals(e.get(field).asDouble(), g.difference().get(), ABS);
                case "permutation_p_two_sided_exact" -> {
                    double p = e.get(field).asDouble();
                    assertEquals(p, g.permutation().p().get(), p * REL_P);
                    assertEquals(PValueKind.EXACT_ALL_SPLITS, g.permutation().method());
                }
                case "permutations" -> assertEquals(e.get(field).asLong(), g.permutation().splits());
                case "unit" -> assertEquals("prompt (mean % change per prompt)", e.get(field).asText());
                default -> fail("expected.json group has a figure this test does not check: " + field);
            }
        }
        assertEquals(4, seen.size());
    }

    @Test
    void provenanceRecordsTheManifestHashAndTheImportedScorer() throws Exception {
        assertEquals(1, report.imports().size());
        assertEquals("manifest.csv", report.imports().get(0).manifestFile());
        assertEquals(ImageStore.sha256(Files.readAllBytes(dir.resolve("manifest.csv"))), report.imports().get(0).manifestSha256());
        ScorerProvenance s = report.scorer();
        assertEquals("reference-scores", s.modelId());
        assertNull(s.kind(), "imported scores of a model this studio does not run");
        assertEquals(0, s.computed());
        assertEquals(report.analysis().prompts().stream().mapToInt(r -> r.before().n() + r.after().n()).sum(), s.imported());
        assertNull(s.mismatchWarning(), "the study names no scorer");
        assertTrue(report.designSentence().startsWith("Paired analysis"), report.designSentence());
    }
}
