package org.belladonna.protect;

import java.awt.image.BufferedImage;

/**
 * One protected artwork: the image to deliver (the artwork's size, 8-bit, lossless formats only),
 * its report, and the model's-eye views (decoder(encoder(.)) at the working size) of the original,
 * the protected image and the target anchor; the views are null when no decoder was given.
 */
public record ProtectionResult(BufferedImage image, ProtectionReport report, BufferedImage originalSeenByModel,
                               BufferedImage protectedSeenByModel, BufferedImage targetSeenByModel) {
}
