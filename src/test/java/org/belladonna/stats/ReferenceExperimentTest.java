package org.belladonna.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.belladonna.testing.Shared;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reviewers' experiment with known answers (shared/reference/stats-paired, made by SciPy 1.10 and NumPy):
 * six prompts, every before image paired with an after image by seed. Every figure of expected.json must
 * match to 1e-6 absolute, p-values to 1e-4 relative.
 */
class ReferenceExperimentTest {
    private static final double ABS = 1e-6;
    private static final double REL_P = 1e-4;

    private static Analysis analysis;
    /** The same scores without their seeds: two independent samples per prompt. */
    private static Analysis unpaired;
    private static JsonNode expected;

    @BeforeAll
    static void load() throws IOException {
        Path dir = Shared.reference("stats-paired");
        Map<String, Double> scores = new HashMap<>();
        List<String[]> score = rows(dir.resolve("scores.csv"));
        assertEquals(List.of("file", "model_id", "model_version", "mean", "std"), List.of(score.get(0)));
        for (String[] r : score.subList(1, score.size())) {
            scores.put(r[0], Double.parseDouble(r[3]));
        }
        List<String[]> manifest = rows(dir.resolve("manifest.csv"));
        assertEquals(List.of("file", "prompt", "variant", "seed", "group"), List.of(manifest.get(0)));
        // Per prompt, in order of first appearance: {before scores, before seeds, after scores, after seeds}.
        Map<String, List<List<Number>>> byPrompt = new LinkedHashMap<>();
        Map<String, Boolean> related = new HashMap<>();
        for (String[] r : manifest.subList(1, manifest.size())) {
            List<List<Number>> p = byPrompt.computeIfAbsent(r[1], k -> List.of(new ArrayList<>(), new ArrayList<>(),
                    new ArrayList<>(), new ArrayList<>()));
            int v = switch (r[2]) {
                case "before" -> 0;
                case "after" -> 2;
                default -> throw new IllegalStateException("variant " + r[2]);
            };
            p.get(v).add(scores.get(r[0]));
            p.get(v + 1).add(Long.parseLong(r[3]));
            related.put(r[1], r[4].equals("related"));
        }
        List<PromptScores> prompts = new ArrayList<>();
        byPrompt.forEach((text, p) -> prompts.add(new PromptScores(text, text, related.get(text),
                doubles(p.get(0)), doubles(p.get(2)), longs(p.get(1)), longs(p.get(3)))));
        analysis = Analysis.of(new Experiment("reference-scores", prompts));
        unpaired = Analysis.of(new Experiment("reference-scores", prompts.stream()
                .map(p -> new PromptScores(p.id(), p.text(), p.related(), p.before(), p.after())).toList()));
        expected = new ObjectMapper().readTree(dir.resolve("expected.json").toFile());
    }

    @Test
    void everyPromptFigure() {
        JsonNode all = expected.get("prompts");
        assertEquals(all.size(), analysis.prompts().size());
        for (PromptResult r : analysis.prompts()) {
            JsonNode e = all.get(r.text());
            String at = r.text() + ": ";
            assertEquals(e.get("group").asText(), r.group(), at);
            assertEquals(Design.PAIRED, r.design(), at + "every image has its seed pair");
            assertEquals(e.get("n_before").asInt(), r.before().n(), at);
            assertEquals(e.get("n_after").asInt(), r.after().n(), at);
            assertEquals(e.get("n_before").asInt(), r.paired().pairs(), at);
            assertEquals(0, r.paired().unpairedBefore() + r.paired().unpairedAfter(), at);
            close(e, "mean_before", r.before().mean(), at);
            close(e, "mean_after", r.after().mean(), at);
            close(e, "percent_change", r.pctChange(), at);
            close(e, "welch_t", r.welchT(), at);
            p(e, "welch_p", r.welchP(), at);
            p(e, "mann_whitney_p", r.mannWhitneyP(), at);
            assertEquals("exact", e.get("mann_whitney_method").asText(), at);
            assertEquals(PValueKind.EXACT, r.mannWhitneyMethod(), at);
            close(e, "paired_t", r.paired().t(), at);
            p(e, "paired_p", r.paired().p(), at);
            close(e, "paired_mean_difference", r.paired().meanDifference(), at);
            assertEquals(e.get("paired_difference_ci95").get(0).asDouble(), r.paired().meanDifferenceCi().low(), ABS, at);
            assertEquals(e.get("paired_difference_ci95").get(1).asDouble(), r.paired().meanDifferenceCi().high(), ABS, at);
            p(e, "wilcoxon_signed_rank_p", r.paired().wilcoxonP(), at);
            assertEquals(e.get("wilcoxon_method").asText(), r.paired().wilcoxonMethod().text(), at);
            close(e, "cohens_d_pooled", r.cohensD(), at);
            close(e, "hedges_g", r.hedgesG(), at);
            // Paired is primary: its p is the one Holm-adjusted, the mean difference is the paired one.
            assertEquals(r.paired().p(), r.primaryP(), at);
            assertEquals(r.paired().meanDifferenceCi(), r.meanDifferenceCi(), at);
            assertEquals(Missing.SECONDARY, r.welchPHolm().missing(), at);
        }
    }

    @Test
    void groupPermutationOverAllTwentySplits() {
        JsonNode e = expected.get("group");
        assertEquals("prompt (mean % change per prompt)", e.get("unit").asText());
        GroupComparison g = analysis.groups();
        assertEquals(e.get("related_minus_control_percent_points").asDouble(), g.difference().get(), ABS);
        assertEquals(e.get("permutations").asLong(), g.permutation().splits());
        assertEquals(PValueKind.EXACT_ALL_SPLITS, g.permutation().method());
        double p = e.get("permutation_p_two_sided_exact").asDouble();
        assertEquals(p, g.permutation().p().get(), p * REL_P);
        assertTrue(g.differenceCi().isPresent());
        assertTrue(g.differenceCi().low() <= g.difference().get() && g.difference().get() <= g.differenceCi().high());
    }

    @Test
    void holmFamilyIsThePairedPOfEveryPrompt() {
        double[] raw = analysis.prompts().stream().mapToDouble(r -> r.paired().p().get()).toArray();
        double[] adjusted = Holm.adjust(raw);
        for (int i = 0; i < raw.length; i++) {
            assertEquals(adjusted[i], analysis.prompts().get(i).primaryPHolm().get(), 1e-15);
        }
    }

    /**
     * Intervals that expected.json does not hold, computed beside it with SciPy 1.10 (/usr/bin/python3):
     * Hedges' g intervals by brentq on scipy.stats.nct.cdf (independent: pooled t with n_b + n_a - 2 df, times
     * J / sqrt(n_b n_a / (n_b + n_a)); paired: paired t with n - 1 df, times J sd_diff / (pooled sd sqrt(n))),
     * Fieller's % change interval as the roots of its quadratic by numpy.roots (t from scipy.stats.t.ppf;
     * independent: Welch df at the estimated ratio; paired: covariance from numpy.cov, n - 1 df), and the
     * Welch interval of the mean difference. Per prompt: g independent, g paired, Fieller independent,
     * Fieller paired, Welch, each as low, high.
     */
    private static final Map<String, double[]> SCIPY = Map.ofEntries(
            Map.entry("Monet water lilies", new double[] {
                    -1.3695212464786437, 0.8827633536853122,
                    -0.7956594880205997, 0.32081906260494214,
                    -23.45060688674383, 19.022513400402975,
                    -16.223245025005284, 8.233102996680607,
                    -1.2005440243653136, 0.8181840243653133}),
            Map.entry("Monet haystacks", new double[] {
                    -1.5719017406576394, 0.3375501977463141,
                    -1.5228813205910623, 0.3058599706007851,
                    -11.298498868562312, 2.8443820748699666,
                    -11.405817062585633, 2.943915502220995,
                    -0.599085501516083, 0.14176050151608205}),
            Map.entry("Monet Rouen cathedral", new double[] {
                    -0.8781930917845713, 0.13005589056770286,
                    -0.9000293007124164, 0.15495740662879282,
                    -7.946164516552945, 1.27102146964444,
                    -8.21297076225197, 1.566179812642976,
                    -0.4212220315508828, 0.06400203155088291}),
            Map.entry("headphones", new double[] {
                    -1.1339552426606216, 1.105349377219112,
                    -0.2381819177867303, 0.21043777303315644,
                    -19.44130928594313, 24.033927328856496,
                    -5.04174282908143, 5.4187682391345415,
                    -1.0811042737874699, 1.0571842737874713}),
            Map.entry("a red bicycle", new double[] {
                    -0.6273769938202686, 0.9201911210926673,
                    -0.22520551449082518, 0.5148903913906229,
                    -8.283653099473852, 12.975671567474457,
                    -3.362257459412865, 7.194360564891111,
                    -0.4585184175050153, 0.6607184175050148}),
            Map.entry("a lighthouse at dusk", new double[] {
                    -0.8102316007718687, 0.19502472563194992,
                    -0.6269751419739575, 0.014132037203089306,
                    -7.716583339024274, 1.9732067444421464,
                    -6.0361377097655655, 0.1468690198840994,
                    -0.3981432211282867, 0.09802322112828701}));

    @Test
    void intervalsMatchSciPyComputedBeside() {
        for (int i = 0; i < analysis.prompts().size(); i++) {
            PromptResult paired = analysis.prompts().get(i);
            PromptResult independent = unpaired.prompts().get(i);
            assertEquals(Design.INDEPENDENT, independent.design());
            assertEquals(Missing.NOT_PAIRED, independent.paired().p().missing());
            double[] want = SCIPY.get(paired.text());
            Interval[] got = {independent.hedgesGCi(), paired.hedgesGCi(), independent.pctChangeCi(),
                    paired.pctChangeCi(), paired.welchCi()};
            for (int k = 0; k < got.length; k++) {
                assertEquals(want[2 * k], got[k].low(), ABS, paired.text() + " #" + k);
                assertEquals(want[2 * k + 1], got[k].high(), ABS, paired.text() + " #" + k);
            }
            assertEquals(paired.welchCi(), independent.meanDifferenceCi(), "Welch is primary without seeds");
            assertEquals(independent.welchP(), independent.primaryP());
            // Without seeds the secondary/primary roles swap: Welch is Holm-adjusted, there is no paired test.
            assertTrue(independent.welchPHolm().isPresent());
        }
    }

    private static void close(JsonNode e, String field, Value actual, String at) {
        assertEquals(e.get(field).asDouble(), actual.get(), ABS, at + field);
    }

    private static void p(JsonNode e, String field, Value actual, String at) {
        double want = e.get(field).asDouble();
        assertEquals(want, actual.get(), want * REL_P, at + field);
    }

    /** The two reference CSVs have no quoted fields: split on commas, and check that the widths agree. */
    private static List<String[]> rows(Path csv) throws IOException {
        List<String[]> out = new ArrayList<>();
        for (String line : Files.readAllLines(csv)) {
            if (line.isEmpty()) continue;
            assertTrue(line.indexOf('"') < 0, "no quoting expected: " + line);
            String[] cells = line.split(",", -1);
            if (!out.isEmpty()) assertEquals(out.get(0).length, cells.length, line);
            out.add(cells);
        }
        return out;
    }

    private static double[] doubles(List<Number> xs) {
        return xs.stream().mapToDouble(Number::doubleValue).toArray();
    }

    private static long[] longs(List<Number> xs) {
        return xs.stream().mapToLong(Number::longValue).toArray();
    }
}
