package org.belladonna.stats;

import java.util.ArrayList;
import java.util.List;
import org.jfree.svg.SVGGraphics2D;

/**
 * Forest plot of per-prompt % change with CI whiskers (Fieller per prompt, two-stage bootstrap for the
 * groups), then the related mean, the control mean and their difference. Labels on the left, numbers on
 * the right, so it reads without hovering or scripts.
 */
public final class ForestPlot {
    private static final int WIDTH = 780;
    private static final int ROW = 24;
    private static final int TOP = 58;
    private static final double PLOT_LEFT = 240;
    private static final double PLOT_RIGHT = 560;
    private static final double NUMBERS_LEFT = 575;

    private record Row(String label, boolean related, boolean summary, Value point, Interval ci, String unit) {
    }

    private ForestPlot() {
    }

    /** @param id element id, unique on the page (non [A-Za-z0-9_-] characters become '_') */
    public static String svg(Analysis analysis, String id) {
        List<Row> rows = new ArrayList<>();
        for (PromptResult r : analysis.prompts()) {
            rows.add(new Row(Svg.shorten(r.text(), 34), r.related(), false, r.pctChange(), r.pctChangeCi(), " %"));
        }
        GroupComparison g = analysis.groups();
        rows.add(new Row("Related prompts, mean", true, true, g.related().meanPctChange(), g.related().meanPctChangeCi(), " %"));
        rows.add(new Row("Control prompts, mean", false, true, g.control().meanPctChange(), g.control().meanPctChangeCi(), " %"));
        rows.add(new Row("Difference, related − control", true, true, g.difference(), g.differenceCi(), " pp"));

        int summaryGap = 12;
        int height = TOP + rows.size() * ROW + summaryGap + 52;
        double[] range = range(rows);
        SVGGraphics2D gr = Svg.canvas(WIDTH, height);
        legend(gr, analysis);

        double axisTop = TOP - 8;
        double axisBottom = TOP + rows.size() * ROW + summaryGap;
        double step = Svg.tickStep(range[1] - range[0]);
        gr.setFont(Svg.SMALL);
        for (double t = Math.ceil(range[0] / step) * step; t <= range[1] + 1e-9; t += step) {
            double x = x(t, range);
            gr.setPaint(Svg.GRID);
            Svg.line(gr, x, axisTop, x, axisBottom, 0.5f, false);
            gr.setPaint(Svg.INK);
            Svg.textCentre(gr, Numbers.fixed(t, step < 1 ? 1 : 0), x, axisBottom + 14);
        }
        gr.setFont(Svg.TEXT);
        Svg.textCentre(gr, "% change of mean " + analysis.experiment().scoringModel() + " score, after vs before",
                (PLOT_LEFT + PLOT_RIGHT) / 2, axisBottom + 32);
        gr.setPaint(Svg.INK);
        Svg.line(gr, x(0, range), axisTop, x(0, range), axisBottom, 1.2f, true);

        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            boolean firstSummary = r.summary() && (i == 0 || !rows.get(i - 1).summary());
            double y = TOP + i * ROW + ROW / 2.0 + (r.summary() ? summaryGap : 0);
            if (firstSummary) {
                gr.setPaint(Svg.INK);
                Svg.line(gr, 10, y - ROW / 2.0 - summaryGap / 2.0, WIDTH - 10, y - ROW / 2.0 - summaryGap / 2.0, 0.8f, false);
            }
            drawRow(gr, r, y, range, i == rows.size() - 1);
        }
        return Svg.finish(gr, id, WIDTH, height, title(analysis), description(rows));
    }

    private static void drawRow(SVGGraphics2D g, Row r, double y, double[] range, boolean difference) {
        g.setPaint(Svg.INK);
        g.setFont(r.summary() ? Svg.BOLD : Svg.TEXT);
        g.drawString(r.label(), 10f, (float) (y + 4));
        g.setFont(Svg.TEXT);
        g.drawString(numbers(r), (float) NUMBERS_LEFT, (float) (y + 4));
        if (!r.point().isPresent()) {
            return;
        }
        if (r.ci().isPresent()) {
            g.setPaint(Svg.INK);
            double lo = x(r.ci().low(), range);
            double hi = x(r.ci().high(), range);
            Svg.line(g, lo, y, hi, y, 1.5f, false);
            Svg.line(g, lo, y - 4, lo, y + 4, 1.5f, false);
            Svg.line(g, hi, y - 4, hi, y + 4, 1.5f, false);
        }
        double x = x(r.point().get(), range);
        g.setPaint(difference ? Svg.INK : Svg.colour(r.related()));
        g.fill(r.summary() ? Svg.diamond(x, y, 7) : Svg.marker(r.related(), x, y, 5));
        g.setPaint(Svg.INK);
        g.draw(r.summary() ? Svg.diamond(x, y, 7) : Svg.marker(r.related(), x, y, 5));
    }

    private static void legend(SVGGraphics2D g, Analysis analysis) {
        g.setFont(Svg.BOLD);
        g.drawString("Change in mean score after poisoning, per prompt (" + Numbers.fixed(analysis.settings().confidencePercent(), 0)
                + " % CI)", 10f, 18f);
        g.setFont(Svg.TEXT);
        double y = 38;
        g.setPaint(Svg.RELATED);
        g.fill(Svg.marker(true, 16, y - 4, 5));
        g.setPaint(Svg.INK);
        g.draw(Svg.marker(true, 16, y - 4, 5));
        g.drawString("related prompt", 26f, (float) y);
        g.setPaint(Svg.CONTROL);
        g.fill(Svg.marker(false, 136, y - 4, 5));
        g.setPaint(Svg.INK);
        g.draw(Svg.marker(false, 136, y - 4, 5));
        g.drawString("control prompt", 146f, (float) y);
        g.draw(Svg.diamond(256, y - 4, 6));
        g.drawString("group mean / difference; dashed line = no change", 268f, (float) y);
    }

    private static String numbers(Row r) {
        if (!r.point().isPresent()) {
            return r.point().missing().text();
        }
        String point = Numbers.fixed(r.point().get(), 2) + r.unit();
        return r.ci().isPresent() ? point + " " + r.ci().format(2) : point + " (CI: " + r.ci().missing().text() + ")";
    }

    private static String title(Analysis a) {
        return "Forest plot: % change in mean " + a.experiment().scoringModel()
                + " score after poisoning, per prompt, with related and control group means";
    }

    private static String description(List<Row> rows) {
        List<String> parts = new ArrayList<>();
        for (Row r : rows) {
            parts.add(r.label() + (r.summary() ? "" : r.related() ? " (related)" : " (control)") + ": " + numbers(r));
        }
        return String.join("; ", parts) + ".";
    }

    /** Axis range covering every point and whisker plus zero, padded 8 % each side. */
    private static double[] range(List<Row> rows) {
        double lo = 0;
        double hi = 0;
        for (Row r : rows) {
            if (r.point().isPresent()) {
                lo = Math.min(lo, r.point().get());
                hi = Math.max(hi, r.point().get());
            }
            if (r.ci().isPresent()) {
                lo = Math.min(lo, r.ci().low());
                hi = Math.max(hi, r.ci().high());
            }
        }
        double pad = Math.max(hi - lo, 1) * 0.08;
        return new double[] {lo - pad, hi + pad};
    }

    private static double x(double v, double[] range) {
        return PLOT_LEFT + (v - range[0]) / (range[1] - range[0]) * (PLOT_RIGHT - PLOT_LEFT);
    }
}
