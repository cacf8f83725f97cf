package org.belladonna.stats;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/** What both plots share: the Okabe–Ito palette, marker shapes, and an accessible, scalable SVG root. */
final class Svg {
    /** Okabe–Ito blue and orange: distinguishable with the common colour-vision deficiencies. */
    static final Color RELATED = new Color(0x00, 0x72, 0xB2);
    static final Color CONTROL = new Color(0xE6, 0x9F, 0x00);
    static final Color INK = new Color(0x22, 0x22, 0x22);
    static final Color GRID = new Color(0xBB, 0xBB, 0xBB);
    static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    /** 11 px, the smallest label still readable at a phone's width (plots are shown at least at their own size). */
    static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    static final Font BOLD = new Font(Font.SANS_SERIF, Font.BOLD, 12);

    private Svg() {
    }

    static SVGGraphics2D canvas(int width, int height) {
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setFont(TEXT);
        g.setPaint(INK);
        return g;
    }

    static Color colour(boolean related) {
        return related ? RELATED : CONTROL;
    }

    /** Related prompts are circles, controls squares: the shape carries the group, not only the colour. */
    static Shape marker(boolean related, double x, double y, double r) {
        return related ? new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r)
                : new Rectangle2D.Double(x - r * 0.9, y - r * 0.9, 1.8 * r, 1.8 * r);
    }

    static Shape diamond(double x, double y, double r) {
        Path2D.Double d = new Path2D.Double();
        d.moveTo(x, y - r);
        d.lineTo(x + r, y);
        d.lineTo(x, y + r);
        d.lineTo(x - r, y);
        d.closePath();
        return d;
    }

    static void line(SVGGraphics2D g, double x1, double y1, double x2, double y2, float width, boolean dashed) {
        g.setStroke(dashed ? new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {4, 3}, 0)
                : new BasicStroke(width));
        g.draw(new Line2D.Double(x1, y1, x2, y2));
    }

    static void textRight(SVGGraphics2D g, String s, double xRight, double y) {
        g.drawString(s, (float) (xRight - g.getFontMetrics().stringWidth(s)), (float) y);
    }

    static void textCentre(SVGGraphics2D g, String s, double x, double y) {
        g.drawString(s, (float) (x - g.getFontMetrics().stringWidth(s) / 2.0), (float) y);
    }

    static String shorten(String s, int max) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() <= max ? one : one.substring(0, max - 1) + "…";
    }

    /**
     * The SVG element sized only by its viewBox (so it scales to its container), announced as one image whose
     * accessible name is the title and whose description lists the numbers, for readers who cannot see it.
     */
    static String finish(SVGGraphics2D g, String id, int width, int height, String title, String description) {
        String safeId = id.replaceAll("[^A-Za-z0-9_-]", "_");
        String svg = g.getSVGElement(safeId, false, new ViewBox(0, 0, width, height), null, null);
        int close = svg.indexOf('>');
        return svg.substring(0, close)
                + " role='img' aria-labelledby='" + safeId + "-title " + safeId + "-desc'>"
                + "<title id='" + safeId + "-title'>" + escape(title) + "</title>"
                + "<desc id='" + safeId + "-desc'>" + escape(description) + "</desc>"
                + svg.substring(close + 1);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&apos;");
    }

    /** Round tick spacing (1, 2, 2.5 or 5 × 10^k) giving about five intervals over the span. */
    static double tickStep(double span) {
        double raw = span / 5;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * mag >= raw) {
                return m * mag;
            }
        }
        return 10 * mag;
    }
}
