package org.belladonna.images;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.awt.image.BufferedImage;

/**
 * Images to model tensors and back: 1 x 3 x H x W float32 RGB / 255, and round(clamp(x, 0, 1) * 255).
 * Pixels move in one bulk array each way; no per-pixel calls into the native engine.
 */
public final class Tensors {
    private Tensors() {
    }

    public static NDArray toNCHW(NDManager manager, BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        int plane = w * h;
        float[] planar = new float[3 * plane];
        for (int i = 0; i < plane; i++) {
            int p = argb[i];
            planar[i] = ((p >> 16) & 0xff) / 255f;
            planar[plane + i] = ((p >> 8) & 0xff) / 255f;
            planar[2 * plane + i] = (p & 0xff) / 255f;
        }
        return manager.create(planar, new Shape(1, 3, h, w));
    }

    /** The first image of an N x 3 x H x W array in [0, 1] (values outside are clamped). */
    public static BufferedImage toImage(NDArray nchw) {
        Shape s = nchw.getShape();
        if (s.dimension() != 4 || s.get(1) != 3) {
            throw new IllegalArgumentException("need N x 3 x H x W, got " + s);
        }
        int h = (int) s.get(2);
        int w = (int) s.get(3);
        int plane = w * h;
        NDArray first = s.get(0) == 1 ? nchw : nchw.get(0);
        float[] planar = first.toType(DataType.FLOAT32, false).toFloatArray();
        int[] rgb = new int[plane];
        for (int i = 0; i < plane; i++) {
            rgb[i] = level(planar[i]) << 16 | level(planar[plane + i]) << 8 | level(planar[2 * plane + i]);
        }
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, w, h, rgb, 0, w);
        return image;
    }

    private static int level(float v) {
        return Math.round(Math.max(0f, Math.min(1f, v)) * 255f);
    }
}
