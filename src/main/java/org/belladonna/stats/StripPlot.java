package org.belladonna.stats;

import java.awt.BasicStroke;
import java.util.ArrayList;
import java.util.List;
import org.jfree.svg.SVGGraphics2D;

/**
 * One small SVG per prompt: every image's score before and after as a jittered dot (hollow before, filled
 * after, in the group's colour and shape), with the mean as a black bar and its value. Small multiples on a
 * shared score axis read better than one crowded chart and compare across prompts at a glance.
 */
public final class StripPlot {
    private static final int WIDTH = 280;
    private static final int HEIGHT = 220;
    private static final double TOP = 40;
    private static final double BOTTOM = 180;
    private static final double AXIS_X = 48;
    private static final double[] COLUMN_X = {110, 210};
    private static final double JITTER = 36;
    /** Golden-ratio steps spread any number of dots evenly across the strip without randomness. */
    private static final double GOLDEN = 0.6180339887498949;

    private StripPlot() {
    }

    /** One SVG per prompt, in table order, all on the same score axis; ids are idPrefix + "-" + index. */
    public static List<String> svgs(Analysis analysis, String idPrefix) {
        double[] range = range(analysis.experiment());
        List<String> out = new ArrayList<>();
        List<PromptScores> prompts = analysis.experiment().prompts();
        for (int i = 0; i < prompts.size(); i++) {
            out.add(svg(prompts.get(i), analysis.prompts().get(i), analysis.experiment().scoringModel(), range,
                    idPrefix + "-" + i));
        }
        return out;
    }

    private static String svg(PromptScores p, PromptResult r, String model, double[] range, String id) {
        SVGGraphics2D g = Svg.canvas(WIDTH, HEIGHT);
        g.setFont(Svg.BOLD);
        g.drawString(Svg.shorten(p.text(), 36), 8f, 16f);
        g.setFont(Svg.SMALL);
        // Whole words only: the scorer is named on the page and in the title; a model name cut mid-label misleads.
        g.drawString(r.group() + " prompt · " + r.design().text(), 8f, 30f);

        double step = Svg.tickStep(range[1] - range[0]);
        for (double t = Math.ceil(range[0] / step) * step; t <= range[1] + 1e-9; t += step) {
            double y = y(t, range);
            g.setPaint(Svg.GRID);
            Svg.line(g, AXIS_X, y, WIDTH - 10, y, 0.5f, false);
            g.setPaint(Svg.INK);
            Svg.textRight(g, Numbers.fixed(t, step < 1 ? 1 : 0), AXIS_X - 4, y + 3);
        }

        double[][] scores = {p.before(), p.after()};
        MeanSummary[] summaries = {r.before(), r.after()};
        String[] names = {"before", "after"};
        for (int c = 0; c < 2; c++) {
            double cx = COLUMN_X[c];
            for (int i = 0; i < scores[c].length; i++) {
                double x = cx + ((i * GOLDEN) % 1 - 0.5) * JITTER;
                var dot = Svg.marker(p.related(), x, y(scores[c][i], range), 3.2);
                if (c == 1) {
                    g.setPaint(Svg.colour(p.related()));
                    g.fill(dot);
                } else {
                    g.setPaint(Svg.colour(p.related()));
                    g.setStroke(new BasicStroke(1.4f));
                    g.draw(dot);
                }
            }
            g.setPaint(Svg.INK);
            if (summaries[c].mean().isPresent()) {
                double m = summaries[c].mean().get();
                Svg.line(g, cx - JITTER / 2 - 6, y(m, range), cx + JITTER / 2 + 6, y(m, range), 2.5f, false);
                g.setFont(Svg.SMALL);
                g.drawString(Numbers.fixed(m, 2), (float) (cx + JITTER / 2 + 8), (float) (y(m, range) + 3));
            }
            g.setFont(Svg.TEXT);
            Svg.textCentre(g, names[c] + " (n=" + summaries[c].n() + ")", cx, BOTTOM + 20);
        }
        g.setFont(Svg.SMALL);
        g.drawString("% change: " + r.pctChange().format(2) + (r.pctChange().isPresent() ? " %" : ""), 8f, (float) HEIGHT - 6);

        String title = "Scores before and after poisoning for prompt \"" + p.text() + "\" (" + r.group() + ")";
        String desc = model + " scores. Before: " + describe(r.before()) + ". After: " + describe(r.after())
                + ". Change of the mean: " + r.pctChange().format(2) + (r.pctChange().isPresent() ? " %." : ".");
        return Svg.finish(g, id, WIDTH, HEIGHT, title, desc);
    }

    private static String describe(MeanSummary s) {
        return "n = " + s.n() + ", mean " + s.mean().format(2) + ", sd " + s.sd().format(2);
    }

    /** Shared score range over every image of the experiment, padded 5 %. */
    private static double[] range(Experiment e) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (PromptScores p : e.prompts()) {
            for (double[] xs : new double[][] {p.before(), p.after()}) {
                for (double v : xs) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (lo > hi) {
            return new double[] {0, 1};
        }
        double pad = Math.max(hi - lo, 1e-6) * 0.05 + (hi == lo ? 0.5 : 0);
        return new double[] {lo - pad, hi + pad};
    }

    private static double y(double v, double[] range) {
        return BOTTOM - (v - range[0]) / (range[1] - range[0]) * (BOTTOM - TOP);
    }
}
