package org.belladonna.stats;

import org.belladonna.csv.CsvOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The per-prompt table as RFC 4180 CSV: CRLF line ends, a header row, fields quoted only when they hold a
 * comma, quote, CR or LF (quotes doubled). Column order is fixed by {@link #HEADER}. Numbers have fixed
 * precision with a dot separator; p-values use scientific notation so tiny ones keep their digits. A number
 * that is not reported is an empty cell, and the last column, {@code not_reported}, says why
 * ("welch_p: n too small; ..."). Same analysis in, byte-identical text out.
 */
public final class PromptTableCsv {

    private record Column(String name, Function<PromptResult, Value> value, Function<Double, String> format) {
    }

    private static final List<Column> NUMBERS = List.of(
            fixed("mean_before", r -> r.before().mean(), 4),
            fixed("sd_before", r -> r.before().sd(), 4),
            fixed("mean_before_ci_low", r -> low(r.before().ci()), 4),
            fixed("mean_before_ci_high", r -> high(r.before().ci()), 4),
            fixed("mean_after", r -> r.after().mean(), 4),
            fixed("sd_after", r -> r.after().sd(), 4),
            fixed("mean_after_ci_low", r -> low(r.after().ci()), 4),
            fixed("mean_after_ci_high", r -> high(r.after().ci()), 4),
            fixed("pct_change", PromptResult::pctChange, 3),
            fixed("pct_change_ci_low", r -> low(r.pctChangeCi()), 3),
            fixed("pct_change_ci_high", r -> high(r.pctChangeCi()), 3),
            fixed("welch_t", PromptResult::welchT, 4),
            fixed("welch_df", PromptResult::welchDf, 3),
            pValue("welch_p", PromptResult::welchP),
            pValue("welch_p_holm", PromptResult::welchPHolm),
            fixed("mann_whitney_u", PromptResult::mannWhitneyU, 1),
            pValue("mann_whitney_p", PromptResult::mannWhitneyP),
            pValue("mann_whitney_p_holm", PromptResult::mannWhitneyPHolm),
            fixed("cliffs_delta", PromptResult::cliffsDelta, 4),
            fixed("cohens_d", PromptResult::cohensD, 4),
            // Issue 15: the paired (primary when seeds are shared) analysis, intervals in points, Hedges' g.
            fixed("n_pairs", r -> Value.of(r.paired().pairs()), 0),
            fixed("mean_difference", PromptResult::meanDifference, 4),
            fixed("mean_difference_ci_low", r -> low(r.meanDifferenceCi()), 4),
            fixed("mean_difference_ci_high", r -> high(r.meanDifferenceCi()), 4),
            fixed("welch_ci_low", r -> low(r.welchCi()), 4),
            fixed("welch_ci_high", r -> high(r.welchCi()), 4),
            fixed("paired_t", r -> r.paired().t(), 4),
            fixed("paired_df", r -> r.paired().df(), 0),
            pValue("paired_p", r -> r.paired().p()),
            fixed("wilcoxon_w", r -> r.paired().wilcoxonW(), 1),
            pValue("wilcoxon_p", r -> r.paired().wilcoxonP()),
            pValue("primary_p", PromptResult::primaryP),
            pValue("primary_p_holm", PromptResult::primaryPHolm),
            fixed("hedges_g", PromptResult::hedgesG, 4),
            fixed("hedges_g_ci_low", r -> low(r.hedgesGCi()), 4),
            fixed("hedges_g_ci_high", r -> high(r.hedgesGCi()), 4));

    /** Text columns after the numbers: how each row was analysed, so the numbers can be read without the page. */
    private static final List<String> TEXTS = List.of("design", "primary_test", "mann_whitney_method",
            "wilcoxon_method", "scorer");

    /** The header row's names, in order. */
    public static final List<String> HEADER = header();

    private PromptTableCsv() {
    }

    public static String write(Analysis analysis) {
        return write(analysis, "");
    }

    /**
     * @param scorer the scorer's description (model, weights pin or "unpinned" with SHA-256, preprocessing),
     *               repeated on every row so a row copied elsewhere still says what produced it
     */
    public static String write(Analysis analysis, String scorer) {
        CsvOutput out = new CsvOutput();
        out.row(HEADER);
        for (PromptResult r : analysis.prompts()) {
            // Prompts and model names are text someone typed: formula-safe. Numbers stay numbers.
            List<CsvOutput.Cell> cells = new ArrayList<>(List.of(CsvOutput.text(r.id()), CsvOutput.text(r.text()),
                    CsvOutput.text(r.group()), CsvOutput.text(analysis.experiment().scoringModel()),
                    CsvOutput.number(Integer.toString(r.before().n())), CsvOutput.number(Integer.toString(r.after().n()))));
            List<String> reasons = new ArrayList<>();
            for (Column c : NUMBERS) {
                Value v = c.value().apply(r);
                cells.add(CsvOutput.number(v.isPresent() ? c.format().apply(v.get()) : ""));
                if (!v.isPresent()) {
                    reasons.add(c.name() + ": " + v.missing().text());
                }
            }
            for (String t : List.of(r.design().text(), r.primaryTest(), r.mannWhitneyMethod().text(),
                    r.paired().wilcoxonMethod().text(), scorer == null ? "" : scorer)) {
                cells.add(CsvOutput.text(t));
            }
            cells.add(CsvOutput.text(String.join("; ", reasons)));
            out.cells(cells);
        }
        return out.toString();
    }

    private static List<String> header() {
        List<String> h = new ArrayList<>(List.of("prompt_id", "prompt_text", "group", "scoring_model", "n_before", "n_after"));
        NUMBERS.forEach(c -> h.add(c.name()));
        h.addAll(TEXTS);
        h.add("not_reported");
        return List.copyOf(h);
    }

    private static Column fixed(String name, Function<PromptResult, Value> v, int decimals) {
        return new Column(name, v, x -> Numbers.fixed(x, decimals));
    }

    private static Column pValue(String name, Function<PromptResult, Value> v) {
        return new Column(name, v, x -> Numbers.scientific(x, 3));
    }

    private static Value low(Interval ci) {
        return ci.isPresent() ? Value.of(ci.low()) : Value.missing(ci.missing());
    }

    private static Value high(Interval ci) {
        return ci.isPresent() ? Value.of(ci.high()) : Value.missing(ci.missing());
    }
}
