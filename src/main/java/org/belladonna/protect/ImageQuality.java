package org.belladonna.protect;

import java.awt.image.BufferedImage;

/** Full-reference image quality: how visible the perturbation is. */
public final class ImageQuality {
    private static final int WINDOW = 11;
    private static final double SIGMA = 1.5;
    private static final double C1 = Math.pow(0.01 * 255, 2);
    private static final double C2 = Math.pow(0.03 * 255, 2);
    private static final double[] GAUSS = gaussian();

    private ImageQuality() {
    }

    /** PSNR in dB over all three 8-bit channels (peak 255); +infinity for identical images. */
    public static double psnr(BufferedImage a, BufferedImage b) {
        checkSameSize(a, b);
        int w = a.getWidth();
        int h = a.getHeight();
        int[] pa = a.getRGB(0, 0, w, h, null, 0, w);
        int[] pb = b.getRGB(0, 0, w, h, null, 0, w);
        double sum = 0;
        for (int i = 0; i < pa.length; i++) {
            for (int shift = 0; shift <= 16; shift += 8) {
                double d = ((pa[i] >> shift) & 0xFF) - ((pb[i] >> shift) & 0xFF);
                sum += d * d;
            }
        }
        double mse = sum / (3.0 * pa.length);
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
    }

    /**
     * Mean SSIM on luma (Y = 0.299 R + 0.587 G + 0.114 B, 0..255) as defined by Wang, Bovik, Sheikh and
     * Simoncelli, "Image quality assessment: from error visibility to structural similarity", IEEE TIP
     * 13(4), 2004: 11x11 Gaussian window with sigma 1.5, K1 = 0.01, K2 = 0.03, L = 255, averaged over the
     * windows that lie wholly inside the image (the reference ssim_index.m's 'valid' filtering; its
     * optional pre-downsampling is not applied). Images smaller than the window get one window the
     * size of the image.
     */
    public static double ssim(BufferedImage a, BufferedImage b) {
        checkSameSize(a, b);
        int w = a.getWidth();
        int h = a.getHeight();
        double[] x = luma(a);
        double[] y = luma(b);
        if (w < WINDOW || h < WINDOW) {
            return ssimOfWindow(x, y);
        }
        // Separable Gaussian filtering of x, y, x^2, y^2, xy over 'valid' positions.
        double[] mx = filter(x, w, h, null);
        double[] my = filter(y, w, h, null);
        double[] sxx = filter(x, w, h, x);
        double[] syy = filter(y, w, h, y);
        double[] sxy = filter(x, w, h, y);
        double total = 0;
        for (int i = 0; i < mx.length; i++) {
            double vx = sxx[i] - mx[i] * mx[i];
            double vy = syy[i] - my[i] * my[i];
            double cxy = sxy[i] - mx[i] * my[i];
            total += ((2 * mx[i] * my[i] + C1) * (2 * cxy + C2))
                    / ((mx[i] * mx[i] + my[i] * my[i] + C1) * (vx + vy + C2));
        }
        return total / mx.length;
    }

    private static double ssimOfWindow(double[] x, double[] y) {
        int n = x.length;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double vx = 0;
        double vy = 0;
        double cxy = 0;
        for (int i = 0; i < n; i++) {
            vx += (x[i] - mx) * (x[i] - mx);
            vy += (y[i] - my) * (y[i] - my);
            cxy += (x[i] - mx) * (y[i] - my);
        }
        vx /= n;
        vy /= n;
        cxy /= n;
        return ((2 * mx * my + C1) * (2 * cxy + C2)) / ((mx * mx + my * my + C1) * (vx + vy + C2));
    }

    /** Gaussian-weighted local mean of p (or of p*q when q != null), 'valid' region only. */
    private static double[] filter(double[] p, int w, int h, double[] q) {
        int ow = w - WINDOW + 1;
        int oh = h - WINDOW + 1;
        double[] rows = new double[h * ow];
        for (int yy = 0; yy < h; yy++) {
            for (int xx = 0; xx < ow; xx++) {
                double s = 0;
                for (int k = 0; k < WINDOW; k++) {
                    int idx = yy * w + xx + k;
                    s += GAUSS[k] * (q == null ? p[idx] : p[idx] * q[idx]);
                }
                rows[yy * ow + xx] = s;
            }
        }
        double[] out = new double[oh * ow];
        for (int yy = 0; yy < oh; yy++) {
            for (int xx = 0; xx < ow; xx++) {
                double s = 0;
                for (int k = 0; k < WINDOW; k++) {
                    s += GAUSS[k] * rows[(yy + k) * ow + xx];
                }
                out[yy * ow + xx] = s;
            }
        }
        return out;
    }

    private static double[] gaussian() {
        double[] g = new double[WINDOW];
        double sum = 0;
        for (int i = 0; i < WINDOW; i++) {
            double d = i - WINDOW / 2;
            g[i] = Math.exp(-d * d / (2 * SIGMA * SIGMA));
            sum += g[i];
        }
        for (int i = 0; i < WINDOW; i++) {
            g[i] /= sum;
        }
        return g;
    }

    static double[] luma(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] p = image.getRGB(0, 0, w, h, null, 0, w);
        double[] y = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            y[i] = 0.299 * ((p[i] >> 16) & 0xFF) + 0.587 * ((p[i] >> 8) & 0xFF) + 0.114 * (p[i] & 0xFF);
        }
        return y;
    }

    private static void checkSameSize(BufferedImage a, BufferedImage b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            throw new IllegalArgumentException("sizes differ: " + a.getWidth() + "x" + a.getHeight()
                    + " vs " + b.getWidth() + "x" + b.getHeight());
        }
    }
}
