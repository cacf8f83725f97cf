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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.SplittableRandom;

/**
 * The critiques' transformations, applied to the delivered artwork at full resolution, and how much of
 * the protection survives each, for every family measured.
 * <p>
 * Kept share for transformation T, with d(.) a family's RMS latent distance to its target of an image
 * downscaled to the working size:
 * <pre>  kept(T) = (d(T(original)) - d(T(protected))) / (d(original) - d(protected))</pre>
 * i.e. the move toward the target that is left after T, as a fraction of the move before it. Measuring
 * against T(original) rather than the original discounts whatever T does to a clean image by itself
 * (JPEG alone shifts a latent). 100 % = untouched, 0 % = wiped out.
 * <p>
 * The share only means something when there was a move to keep: when the protection moved a family's view
 * by less than {@value #MIN_MOVE_PERCENT} % of the way (an artwork already near the target, or a held-out
 * family it does not reach), the ratio of two tiny differences swings to -123 % or 298 %, so it is reported
 * as not meaningful, with the reason, instead of as a number. Outside 0-100 % it is reported as more than
 * all (the transformation itself pulled toward the target) or none (pushed away), not as the raw ratio.
 */
public final class Robustness {
    /** Below this much of the way moved, a kept share is the ratio of two noises. */
    static final double MIN_MOVE_PERCENT = 2.0;

    /** One of the critiques' transformations. */
    record Transform(String name, java.util.function.UnaryOperator<Planes> apply) {
    }

    /**
     * One row of a family's table.
     *
     * @param retainedPercent the kept share as computed (see the class comment), even when not meaningful
     * @param meaningful      whether {@code retainedPercent} reads as a share (0-100 % of a real move)
     * @param reading         what to show people: "74 %", or why there is no number
     */
    public record Row(String transform, double originalDistance, double protectedDistance, double retainedPercent,
                      boolean meaningful, String reading) {
        /** Reads rows stored before {@code meaningful} and {@code reading} existed: judged by the share alone. */
        @com.fasterxml.jackson.annotation.JsonCreator
        static Row fromJson(@com.fasterxml.jackson.annotation.JsonProperty("transform") String transform,
                            @com.fasterxml.jackson.annotation.JsonProperty("originalDistance") double originalDistance,
                            @com.fasterxml.jackson.annotation.JsonProperty("protectedDistance") double protectedDistance,
                            @com.fasterxml.jackson.annotation.JsonProperty("retainedPercent") double retainedPercent,
                            @com.fasterxml.jackson.annotation.JsonProperty("meaningful") Boolean meaningful,
                            @com.fasterxml.jackson.annotation.JsonProperty("reading") String reading) {
            if (reading != null && meaningful != null) {
                return new Row(transform, originalDistance, protectedDistance, retainedPercent, meaningful, reading);
            }
            boolean share = retainedPercent >= 0 && retainedPercent <= 100;
            return new Row(transform, originalDistance, protectedDistance, retainedPercent, share,
                    share ? String.format(Locale.ROOT, "%.0f %%", retainedPercent) : "not meaningful (measured by an older version)");
        }
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
     * Applies each transformation once to the original and once to the protected image, and measures every
     * family on both.
     *
     * @param before    each family's d(original), by name, in report order
     * @param after     each family's d(protected)
     * @param distances d(.) of a full-size image for every family, by name
     */
    static Map<String, List<Row>> measure(Planes original, Planes protectedImage, Map<String, Double> before,
                                          Map<String, Double> after, long seed,
                                          Function<Planes, Map<String, Double>> distances) {
        Map<String, List<Row>> rows = new LinkedHashMap<>();
        before.keySet().forEach(name -> rows.put(name, new ArrayList<>()));
        for (Transform t : standard(seed)) {
            Map<String, Double> dOrig = distances.apply(t.apply().apply(original));
            Map<String, Double> dProt = distances.apply(t.apply().apply(protectedImage));
            for (String name : before.keySet()) {
                rows.get(name).add(row(t.name(), before.get(name), after.get(name), dOrig.get(name), dProt.get(name)));
            }
        }
        return rows;
    }

    static Row row(String transform, double before, double after, double dOrig, double dProt) {
        double move = before - after;
        double retained = move == 0 ? Double.NaN : 100 * (dOrig - dProt) / move;
        double movedPercent = before > 0 ? 100 * move / before : 0;
        if (!(movedPercent >= MIN_MOVE_PERCENT)) {
            return new Row(transform, dOrig, dProt, retained, false, String.format(Locale.ROOT,
                    "not meaningful: the protection moved this model's view only %.1f %% of the way", movedPercent));
        }
        if (retained > 100) {
            return new Row(transform, dOrig, dProt, retained, false,
                    "more than all of it: the transformation itself moved the image toward the target");
        }
        if (retained < 0) {
            return new Row(transform, dOrig, dProt, retained, false,
                    "none of it: after the transformation the protected copy is farther from the target");
        }
        return new Row(transform, dOrig, dProt, retained, true, String.format(Locale.ROOT, "%.0f %%", retained));
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
