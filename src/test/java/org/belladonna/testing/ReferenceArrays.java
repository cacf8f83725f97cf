package org.belladonna.testing;

/** Comparing network outputs with their references, and laying images out as the references expect. */
public final class ReferenceArrays {
    private ReferenceArrays() {
    }

    /**
     * Fails unless a reference probability distribution is neither near-uniform nor one-hot: otherwise a
     * comparison against it could pass with broken features.
     */
    public static void assertInformative(double[] p) {
        double max = 0;
        double min = 1;
        for (double v : p) {
            max = Math.max(max, v);
            min = Math.min(min, v);
        }
        org.junit.jupiter.api.Assertions.assertTrue(max < 0.9 && max - min > 0.02,
                "reference distribution is degenerate: max " + max + ", min " + min);
    }

    /** Largest |a[i] - b[i]|; the arrays must have one length. */
    public static double maxAbsDifference(double[] a, double[] b) {
        requireSameLength(a.length, b.length);
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    /** Largest |a[i] - b[i]|; the arrays must have one length. */
    public static double maxAbsDifference(float[] a, float[] b) {
        requireSameLength(a.length, b.length);
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    /** Image {@code n} of an (N, 3, size, size) batch in Keras' height-width-channel order. */
    public static double[] hwc(float[] nchw, int n, int size) {
        int plane = size * size;
        double[] hwc = new double[3 * plane];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < plane; i++) {
                hwc[i * 3 + c] = nchw[(n * 3 + c) * plane + i];
            }
        }
        return hwc;
    }

    private static void requireSameLength(int a, int b) {
        if (a != b) {
            throw new AssertionError("arrays of different lengths: " + a + " and " + b);
        }
    }
}
