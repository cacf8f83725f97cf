package org.belladonna.protect;

/**
 * Separable resampling as explicit matrices, so that exactly the same linear map runs in Java (on the
 * delivered pixels) and inside the autograd graph (as two matrix products on an NDArray). A matrix
 * {@code R} of shape (out, in) maps a line of {@code in} samples to {@code out} samples; an image
 * {@code X} (H x W) resamples to {@code Rh X RwT}.
 */
final class Resampling {
    private Resampling() {
    }

    /** Area averaging (box filter with fractional coverage) when shrinking, bilinear when growing. */
    static float[][] resize(int in, int out) {
        return out <= in ? area(in, out) : bilinear(in, out);
    }

    /**
     * Each output sample averages the input interval it covers, weighting partly covered samples by
     * their coverage: the "area" filter (OpenCV INTER_AREA, PIL's BOX), which does not alias.
     */
    static float[][] area(int in, int out) {
        if (out > in) {
            throw new IllegalArgumentException("area resampling only shrinks: " + in + " -> " + out);
        }
        float[][] m = new float[out][in];
        double scale = (double) in / out;
        for (int i = 0; i < out; i++) {
            double start = i * scale;
            double end = (i + 1) * scale;
            for (int j = (int) Math.floor(start); j < Math.min(in, (int) Math.ceil(end)); j++) {
                double overlap = Math.min(end, j + 1) - Math.max(start, j);
                if (overlap > 0) {
                    m[i][j] = (float) (overlap / scale);
                }
            }
        }
        return m;
    }

    /** Bilinear interpolation with half-pixel centres (PyTorch align_corners=false, PIL, OpenCV). */
    static float[][] bilinear(int in, int out) {
        float[][] m = new float[out][in];
        double scale = (double) in / out;
        for (int i = 0; i < out; i++) {
            double src = Math.min(Math.max((i + 0.5) * scale - 0.5, 0), in - 1);
            int j0 = (int) Math.floor(src);
            int j1 = Math.min(j0 + 1, in - 1);
            double frac = src - j0;
            m[i][j0] += (float) (1 - frac);
            m[i][j1] += (float) frac;
        }
        return m;
    }

    /** a (n x k) times b (k x m). Used to fold "upsample then downsample" into one small matrix. */
    static float[][] multiply(float[][] a, float[][] b) {
        int n = a.length;
        int k = b.length;
        int m = b[0].length;
        float[][] c = new float[n][m];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < k; p++) {
                float aip = a[i][p];
                if (aip == 0) {
                    continue;
                }
                for (int j = 0; j < m; j++) {
                    c[i][j] += aip * b[p][j];
                }
            }
        }
        return c;
    }

    /** Resamples one channel plane (h x w, row-major) with row matrix {@code rh} and column matrix {@code rw}. */
    static float[] apply(float[] plane, int h, int w, float[][] rh, float[][] rw) {
        int oh = rh.length;
        int ow = rw.length;
        // columns first: tmp (h x ow)
        float[] tmp = new float[h * ow];
        for (int y = 0; y < h; y++) {
            int row = y * w;
            for (int x = 0; x < ow; x++) {
                float[] wx = rw[x];
                double s = 0;
                for (int j = 0; j < w; j++) {
                    if (wx[j] != 0) {
                        s += wx[j] * plane[row + j];
                    }
                }
                tmp[y * ow + x] = (float) s;
            }
        }
        float[] out = new float[oh * ow];
        for (int y = 0; y < oh; y++) {
            float[] wy = rh[y];
            for (int i = 0; i < h; i++) {
                float c = wy[i];
                if (c == 0) {
                    continue;
                }
                int src = i * ow;
                int dst = y * ow;
                for (int x = 0; x < ow; x++) {
                    out[dst + x] += c * tmp[src + x];
                }
            }
        }
        return out;
    }
}
