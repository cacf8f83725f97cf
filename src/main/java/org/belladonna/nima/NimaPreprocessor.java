package org.belladonna.nima;

import org.belladonna.images.ImageDecoder;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * The input pipeline of idealo's evaluation, reproduced exactly: {@code keras.preprocessing.image.load_img(
 * path, target_size=(224, 224))} (convert to RGB, then PIL {@code resize(..., NEAREST)}), then MobileNet's
 * {@code preprocess_input}: x / 127.5 - 1. titu1994's {@code evaluate_nasnet.py} prepares NASNet's input
 * the same way (Keras 2.1's {@code load_img} also resizes with NEAREST by default, and
 * {@code inception_v3.preprocess_input} is the same x / 127.5 - 1).
 *
 * <p>Images must be the file's raw RGB samples, decoded by {@link ScorerInput} ({@link
 * ImageDecoder#decodeRawSamples}): PIL does not apply embedded ICC profiles, Java's usual decoding does, and
 * an Adobe RGB JPEG would then reach the network with channels shifted by up to ~120 levels. Raw decoding
 * also expands palettes and grey as PIL's {@code convert("RGB")} does and drops alpha without compositing.
 * Images that are not TYPE_INT_RGB are flattened by {@link ImageDecoder#toRgb} here as a fallback.
 */
public final class NimaPreprocessor {
    /** One line for the stats page. */
    public static final String DESCRIPTION = "raw RGB samples (ICC ignored); PIL nearest-neighbour resize to 224x224, "
            + "aspect not kept; x/127.5 - 1";

    private NimaPreprocessor() {
    }

    /**
     * The source index PIL's nearest-neighbour resize reads for each output index. Pillow's
     * {@code ImagingScaleAffine} (libImaging/Geometry.c) samples at pixel centres with a running double sum:
     * {@code x = scale * 0.5; src = (int) x; x += scale}, scale = srcSize / dstSize. The running sum (not
     * {@code (i + 0.5) * scale}) is kept because it rounds differently in rare cases.
     */
    static int[] pilNearestIndices(int srcSize, int dstSize) {
        double scale = (double) srcSize / dstSize;
        int[] indices = new int[dstSize];
        double x = scale * 0.5;
        for (int i = 0; i < dstSize; i++) {
            // x stays below srcSize - scale / 2, so the guard never changes a real index.
            indices[i] = Math.min((int) x, srcSize - 1);
            x += scale;
        }
        return indices;
    }

    /** PIL-exact nearest-neighbour resize to width x height; returns 0xRRGGBB pixels, row-major. */
    static int[] resizeNearest(BufferedImage source, int width, int height) {
        BufferedImage image = ImageDecoder.toRgb(source);
        int srcWidth = image.getWidth();
        int[] row = new int[srcWidth];
        int[] xs = pilNearestIndices(srcWidth, width);
        int[] ys = pilNearestIndices(image.getHeight(), height);
        int[] out = new int[width * height];
        for (int y = 0; y < height; y++) {
            image.getRGB(0, ys[y], srcWidth, 1, row, 0, srcWidth);
            for (int x = 0; x < width; x++) {
                out[y * width + x] = row[xs[x]] & 0xFFFFFF;
            }
        }
        return out;
    }

    /** Images -> NCHW floats in [-1, 1] at size x size, ready for {@link Nima#forward}. */
    public static float[] toInput(List<BufferedImage> images, int size) {
        int plane = size * size;
        float[] input = new float[images.size() * 3 * plane];
        for (int n = 0; n < images.size(); n++) {
            int[] rgb = resizeNearest(images.get(n), size, size);
            int base = n * 3 * plane;
            for (int i = 0; i < plane; i++) {
                int p = rgb[i];
                input[base + i] = ((p >> 16) & 0xFF) / 127.5f - 1f;
                input[base + plane + i] = ((p >> 8) & 0xFF) / 127.5f - 1f;
                input[base + 2 * plane + i] = (p & 0xFF) / 127.5f - 1f;
            }
        }
        return input;
    }
}
