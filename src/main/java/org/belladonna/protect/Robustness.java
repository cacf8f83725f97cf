package org.belladonna.protect;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * The critiques' transformations, applied to the delivered artwork at full resolution, and how much of
 * the protection survives each.
 * <p>
 * Retained share for transformation T, with d(.) the RMS latent distance to the target of an image
 * downscaled to the working size:
 * <pre>  retained(T) = (d(T(original)) - d(T(protected))) / (d(original) - d(protected))</pre>
 * i.e. the move toward the target that is left after T, as a fraction of the move before it. Measuring
 * against T(original) rather than the original discounts whatever T does to a clean image by itself
 * (JPEG alone shifts a latent). 100 % = untouched, 0 % = wiped out, negative = pushed away.
 */
public final class Robustness {

    /** One of the critiques' transformations. */
    record Transform(String name, java.util.function.UnaryOperator<Planes> apply) {
    }

    /** One row of the table. */
    public record Row(String transform, double originalDistance, double protectedDistance, double retainedPercent) {
    }

    /** JPEG q90, JPEG q75 (real ImageIO encode/decode), 50 % area downscale and bilinear back, noise 0.05. */
    static List<Transform> standard(long seed) {
        return List.of(
                new Transform("jpeg-q90", p -> jpeg(p, 0.90f)),
                new Transform("jpeg-q75", p -> jpeg(p, 0.75f)),
                new Transform("resize-50%", Robustness::halfSizeRoundTrip),
                new Transform("noise-0.05", p -> noise(p, 0.05, seed)));
    }

    /**
     * @param distance d(.): working-size RMS latent distance to the target of a full-size image
     */
    static List<Row> measure(Planes original, Planes protectedImage, double originalDistance,
                             double protectedDistance, long seed, ToDoubleFunction<Planes> distance) {
        double move = originalDistance - protectedDistance;
        return standard(seed).stream().map(t -> {
            double dOrig = distance.applyAsDouble(t.apply().apply(original));
            double dProt = distance.applyAsDouble(t.apply().apply(protectedImage));
            double retained = move == 0 ? Double.NaN : 100 * (dOrig - dProt) / move;
            return new Row(t.name(), dOrig, dProt, retained);
        }).toList();
    }

    static Planes jpeg(Planes p, float quality) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
                writer.setOutput(out);
                ImageWriteParam param = writer.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(quality);
                writer.write(null, new IIOImage(p.toImage(), null, null), param);
            } finally {
                writer.dispose();
            }
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(bytes.toByteArray()));
            return Planes.of(decoded);
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory JPEG round trip failed", e);
        }
    }

    static Planes halfSizeRoundTrip(Planes p) {
        int hw = Math.max(1, p.width() / 2);
        int hh = Math.max(1, p.height() / 2);
        Planes half = p.resample(Resampling.area(p.height(), hh), Resampling.area(p.width(), hw));
        return half.resample(Resampling.bilinear(hh, p.height()), Resampling.bilinear(hw, p.width()));
    }

    /** Gaussian noise (sigma in units of full scale), clamped; the same seed gives the same noise. */
    static Planes noise(Planes p, double sigma, long seed) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        float[][] out = new float[3][];
        for (int c = 0; c < 3; c++) {
            float[] src = p.rgb()[c];
            float[] dst = new float[src.length];
            for (int i = 0; i < src.length; i++) {
                dst[i] = (float) Math.max(0, Math.min(1, src[i] + random.nextGaussian() * sigma));
            }
            out[c] = dst;
        }
        return new Planes(p.width(), p.height(), out);
    }
}
