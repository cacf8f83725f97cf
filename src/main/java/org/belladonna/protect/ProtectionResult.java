package org.belladonna.protect;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * One protected artwork: the image to deliver (the artwork's size, 8-bit, lossless formats only), its
 * report, and what each family with an installed decoder sees (decoder(encoder(.)) at the working size) of
 * the original, the protected image and the target anchor; no views when none were asked for.
 */
public record ProtectionResult(BufferedImage image, ProtectionReport report, List<Views> views) {

    /** A family's view of the original, of the protected copy and of the target. */
    public record Views(String family, BufferedImage original, BufferedImage protectedImage, BufferedImage target) {
    }
}
