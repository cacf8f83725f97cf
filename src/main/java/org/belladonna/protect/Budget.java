package org.belladonna.protect;

import java.awt.image.BufferedImage;

/**
 * The L-inf budget in 8-bit levels, and the last step of delivery: add the full-resolution
 * perturbation, quantise to 8 bits, then clip every channel of every pixel to within {@code levels}
 * of the original, so the budget holds exactly on the file the artist gets (rounding alone could
 * overshoot by half a level).
 */
public record Budget(int levels) {

    public Budget {
        if (levels < 1 || levels > 64) {
            throw new IllegalArgumentException("budget must be 1..64 levels of 255, got " + levels);
        }
    }

    /** eps as a fraction of full scale; 10/255 -> 10 levels, 0.05 -> 12 levels (never rounds up). */
    public static Budget ofFraction(double eps) {
        if (!(eps > 0) || eps > 64 / 255.0) {
            throw new IllegalArgumentException("eps must be in (0, 64/255], got " + eps);
        }
        return new Budget((int) Math.floor(eps * 255 + 1e-9));
    }

    /** The budget as a fraction of full scale: the radius the optimiser works in. */
    public double fraction() {
        return levels / 255.0;
    }

    /**
     * original + delta (delta planes in units of full scale, same size as the original), rounded to
     * 8 bits and projected onto the budget ball and the valid range.
     */
    public BufferedImage apply(BufferedImage original, float[][] delta) {
        int w = original.getWidth();
        int h = original.getHeight();
        int[] argb = original.getRGB(0, 0, w, h, null, 0, w);
        int[] out = new int[argb.length];
        for (int i = 0; i < argb.length; i++) {
            int c = argb[i];
            int r = project((c >> 16) & 0xFF, delta[0][i]);
            int g = project((c >> 8) & 0xFF, delta[1][i]);
            int b = project(c & 0xFF, delta[2][i]);
            out[i] = (r << 16) | (g << 8) | b;
        }
        BufferedImage result = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        result.setRGB(0, 0, w, h, out, 0, w);
        return result;
    }

    int project(int original, float delta) {
        int v = Math.round(original + delta * 255f);
        v = Math.max(original - levels, Math.min(original + levels, v));
        return Math.max(0, Math.min(255, v));
    }

    /** Largest per-channel change between two same-size images, in 8-bit levels. */
    public static int maxChange(BufferedImage a, BufferedImage b) {
        int w = a.getWidth();
        int h = a.getHeight();
        if (b.getWidth() != w || b.getHeight() != h) {
            throw new IllegalArgumentException("sizes differ: " + w + "x" + h + " vs " + b.getWidth() + "x" + b.getHeight());
        }
        int[] pa = a.getRGB(0, 0, w, h, null, 0, w);
        int[] pb = b.getRGB(0, 0, w, h, null, 0, w);
        int max = 0;
        for (int i = 0; i < pa.length; i++) {
            for (int shift = 0; shift <= 16; shift += 8) {
                max = Math.max(max, Math.abs(((pa[i] >> shift) & 0xFF) - ((pb[i] >> shift) & 0xFF)));
            }
        }
        return max;
    }
}
