package org.belladonna.nima;

/**
 * Pillow's {@code Image.resize(size, BILINEAR)} on 8-bit RGB, reproduced to the bit (Pillow 9.4,
 * {@code libImaging/Resample.c}). torchvision's {@code Resize} on a PIL image calls exactly this, so
 * yunxiaoshi's NIMA saw these pixels. Three details decide the output and each is kept here:
 * <ul>
 *   <li>When shrinking, the triangle filter is widened by the scale (support = scale, not 1), so every
 *       source pixel under the output pixel contributes: an antialiased bilinear, unlike OpenGL/Java2D.</li>
 *   <li>Weights are normalised in double, then rounded to fixed point with 22 fractional bits; sums
 *       start at one half and are truncated and clamped to 0..255.</li>
 *   <li>Two passes, horizontal then vertical, with the intermediate image rounded to 8 bits.</li>
 * </ul>
 */
final class PillowResize {
    private static final int PRECISION_BITS = 32 - 8 - 2;

    private PillowResize() {
    }

    /** Source window and fixed-point weights of each output pixel along one axis. */
    record Coefficients(int[] start, int[] count, int[][] weights) {
    }

    /** Pillow's {@code precompute_coeffs} with the triangle filter, then {@code normalize_coeffs_8bpc}. */
    static Coefficients bilinear(int inSize, int outSize) {
        double scale = (double) inSize / outSize;
        double filterScale = Math.max(scale, 1.0);
        double support = 1.0 * filterScale; // the triangle's support is 1
        int[] start = new int[outSize];
        int[] count = new int[outSize];
        int[][] weights = new int[outSize][];
        for (int xx = 0; xx < outSize; xx++) {
            double center = (xx + 0.5) * scale;
            int xmin = Math.max(0, (int) (center - support + 0.5));
            int xmax = Math.min(inSize, (int) (center + support + 0.5)) - xmin;
            double[] k = new double[xmax];
            double total = 0;
            for (int x = 0; x < xmax; x++) {
                k[x] = triangle((x + xmin - center + 0.5) / filterScale);
                total += k[x];
            }
            int[] fixed = new int[xmax];
            for (int x = 0; x < xmax; x++) {
                double w = total != 0 ? k[x] / total : k[x];
                fixed[x] = (int) (w < 0 ? -0.5 + w * (1 << PRECISION_BITS) : 0.5 + w * (1 << PRECISION_BITS));
            }
            start[xx] = xmin;
            count[xx] = xmax;
            weights[xx] = fixed;
        }
        return new Coefficients(start, count, weights);
    }

    private static double triangle(double x) {
        x = Math.abs(x);
        return x < 1.0 ? 1.0 - x : 0.0;
    }

    /** Resizes 0xRRGGBB pixels (row-major, width x height) to outWidth x outHeight. */
    static int[] resize(int[] rgb, int width, int height, int outWidth, int outHeight) {
        if (width == outWidth && height == outHeight) {
            return rgb.clone(); // Image.resize returns a copy when the size does not change
        }
        int[] horizontal = rgb;
        if (outWidth != width) {
            Coefficients c = bilinear(width, outWidth);
            horizontal = new int[outWidth * height];
            for (int y = 0; y < height; y++) {
                for (int xx = 0; xx < outWidth; xx++) {
                    horizontal[y * outWidth + xx] = weighted(rgb, y * width + c.start()[xx], 1, c.weights()[xx]);
                }
            }
        }
        if (outHeight == height) {
            return horizontal;
        }
        Coefficients c = bilinear(height, outHeight);
        int[] out = new int[outWidth * outHeight];
        for (int yy = 0; yy < outHeight; yy++) {
            for (int x = 0; x < outWidth; x++) {
                out[yy * outWidth + x] = weighted(horizontal, c.start()[yy] * outWidth + x, outWidth, c.weights()[yy]);
            }
        }
        return out;
    }

    /** One output pixel: the weighted sum of pixels first, first + step, ... per channel, in 32-bit ints as Pillow. */
    private static int weighted(int[] pixels, int first, int step, int[] k) {
        int r = 1 << (PRECISION_BITS - 1);
        int g = r;
        int b = r;
        for (int i = 0; i < k.length; i++) {
            int p = pixels[first + i * step];
            r += ((p >> 16) & 0xFF) * k[i];
            g += ((p >> 8) & 0xFF) * k[i];
            b += (p & 0xFF) * k[i];
        }
        return clip8(r) << 16 | clip8(g) << 8 | clip8(b);
    }

    private static int clip8(int sum) {
        return Math.max(0, Math.min(255, sum >> PRECISION_BITS));
    }
}
