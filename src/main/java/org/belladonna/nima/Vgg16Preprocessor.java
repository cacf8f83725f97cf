package org.belladonna.nima;

import org.belladonna.images.ImageDecoder;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * The deterministic test-time input of yunxiaoshi's VGG16 NIMA, as torchvision 0.14 computes it on a PIL
 * RGB image: {@code Resize(256)} (shorter side to 256, longer side {@code int(256 * long / short)}, Pillow's
 * antialiased BILINEAR, 8-bit result: {@link PillowResize}), {@code CenterCrop(224)} (offsets
 * {@code round((size - 224) / 2)} with Python's round half to even), {@code ToTensor} (/255) and
 * {@code Normalize} with ImageNet's mean and std, all in float32 as torch does them.
 *
 * <p>Upstream's {@code test.py} crops at random ({@code RandomCrop(224)} after {@code manual_seed(42)});
 * this centre crop is the deterministic stand-in the reference outputs were made with.
 *
 * <p>Images must hold the file's raw RGB samples ({@link org.belladonna.images.ImageDecoder#decodeRawSamples}):
 * PIL ignores embedded ICC profiles, so colour-managed pixels would not be what the model was trained on.
 */
public final class Vgg16Preprocessor {
    public static final int RESIZE = 256;
    public static final int CROP = Vgg16Nima.INPUT_SIZE;
    static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    static final float[] STD = {0.229f, 0.224f, 0.225f};

    /** One line for the stats page. */
    public static final String DESCRIPTION = "raw RGB samples (ICC ignored); shorter side to 256 with Pillow's antialiased "
            + "bilinear; centre crop 224; /255; ImageNet mean/std";

    private Vgg16Preprocessor() {
    }

    /** torchvision's {@code Resize(256)} output size (width, height) for a width x height image. */
    static int[] resizedSize(int width, int height) {
        int shorter = Math.min(width, height);
        int longer = Math.max(width, height);
        int newLonger = (int) ((double) RESIZE * longer / shorter); // Python: int(size * long / short)
        return width <= height ? new int[] {RESIZE, newLonger} : new int[] {newLonger, RESIZE};
    }

    /** torchvision's {@code CenterCrop} offset: {@code int(round((size - crop) / 2.0))}, ties to even. */
    static int cropOffset(int size, int crop) {
        return (int) Math.rint((size - crop) / 2.0);
    }

    /** Resized and cropped 0xRRGGBB pixels, 224 x 224, row-major. */
    static int[] resizeAndCrop(BufferedImage image) {
        BufferedImage rgbImage = ImageDecoder.toRgb(image);
        int width = rgbImage.getWidth();
        int height = rgbImage.getHeight();
        int[] rgb = rgbImage.getRGB(0, 0, width, height, null, 0, width);
        int[] size = resizedSize(width, height);
        int[] resized = PillowResize.resize(rgb, width, height, size[0], size[1]);
        int top = cropOffset(size[1], CROP);
        int left = cropOffset(size[0], CROP);
        int[] crop = new int[CROP * CROP];
        for (int y = 0; y < CROP; y++) {
            System.arraycopy(resized, (top + y) * size[0] + left, crop, y * CROP, CROP);
        }
        return crop;
    }

    /** Images (TYPE_INT_RGB, raw samples) -> NCHW float32, normalised. */
    public static float[] toInput(List<BufferedImage> images) {
        int plane = CROP * CROP;
        float[] input = new float[images.size() * 3 * plane];
        for (int n = 0; n < images.size(); n++) {
            int[] rgb = resizeAndCrop(images.get(n));
            int base = n * 3 * plane;
            for (int i = 0; i < plane; i++) {
                int p = rgb[i];
                input[base + i] = normalise((p >> 16) & 0xFF, 0);
                input[base + plane + i] = normalise((p >> 8) & 0xFF, 1);
                input[base + 2 * plane + i] = normalise(p & 0xFF, 2);
            }
        }
        return input;
    }

    /** ToTensor then Normalize, in float32 like torch: (v / 255 - mean) / std. */
    static float normalise(int value, int channel) {
        float x = value / 255f;
        return (x - MEAN[channel]) / STD[channel];
    }
}
