package org.belladonna.nima;

import org.belladonna.images.BadImageException;
import org.belladonna.images.ImageDecoder;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * How every scorer's images must be decoded: the file's own RGB samples, without colour management.
 * The upstream models were trained and evaluated on what PIL's {@code Image.open(f).convert("RGB")}
 * returns, and PIL does not apply embedded ICC profiles. Java's ImageIO does apply a JPEG's profile: an
 * Adobe RGB photo decoded the studio's usual way shifts channels by up to ~120 grey levels and NIMA's
 * mean score by ~0.2. See {@link ImageDecoder#decodeRawSamples}.
 */
public final class ScorerInput {
    private static final ImageDecoder DECODER = new ImageDecoder();

    private ScorerInput() {
    }

    public static BufferedImage decode(Path file) throws BadImageException, IOException {
        return DECODER.decodeRawSamples(file).image();
    }

    public static BufferedImage decode(byte[] bytes) throws BadImageException {
        return DECODER.decodeRawSamples(bytes).image();
    }
}
