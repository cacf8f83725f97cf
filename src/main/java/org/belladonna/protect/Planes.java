package org.belladonna.protect;

import java.awt.image.BufferedImage;

/**
 * An RGB image as three float planes in [0, 1] (row-major), the layout both the Java-side resampling
 * and NCHW tensors use.
 */
record Planes(int width, int height, float[][] rgb) {

    static Planes of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        float[][] p = new float[3][w * h];
        for (int i = 0; i < argb.length; i++) {
            int c = argb[i];
            p[0][i] = ((c >> 16) & 0xFF) / 255f;
            p[1][i] = ((c >> 8) & 0xFF) / 255f;
            p[2][i] = (c & 0xFF) / 255f;
        }
        return new Planes(w, h, p);
    }

    /** Resamples every channel with the given row and column matrices. */
    Planes resample(float[][] rows, float[][] cols) {
        float[][] out = new float[3][];
        for (int c = 0; c < 3; c++) {
            out[c] = Resampling.apply(rgb[c], height, width, rows, cols);
        }
        return new Planes(cols.length, rows.length, out);
    }

    /** Concatenated channel planes: the CHW layout of one NCHW sample. */
    float[] chw() {
        int n = width * height;
        float[] out = new float[3 * n];
        for (int c = 0; c < 3; c++) {
            System.arraycopy(rgb[c], 0, out, c * n, n);
        }
        return out;
    }

    static Planes fromChw(float[] chw, int width, int height) {
        int n = width * height;
        float[][] p = new float[3][n];
        for (int c = 0; c < 3; c++) {
            System.arraycopy(chw, c * n, p[c], 0, n);
        }
        return new Planes(width, height, p);
    }

    /** Rounds to 8 bits (clamped), e.g. for the model's-eye views. */
    BufferedImage toImage() {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] argb = new int[width * height];
        for (int i = 0; i < argb.length; i++) {
            argb[i] = (to8(rgb[0][i]) << 16) | (to8(rgb[1][i]) << 8) | to8(rgb[2][i]);
        }
        out.setRGB(0, 0, width, height, argb, 0, width);
        return out;
    }

    private static int to8(float v) {
        return Math.max(0, Math.min(255, Math.round(v * 255f)));
    }
}
