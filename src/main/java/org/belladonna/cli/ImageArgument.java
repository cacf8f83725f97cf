package org.belladonna.cli;

import org.belladonna.images.BadImageException;
import org.belladonna.images.ImageDecoder;
import picocli.CommandLine.Parameters;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/** The IMAGE argument of commands that read one picture, decoded with the safe decoder. */
public final class ImageArgument {
    @Parameters(paramLabel = "IMAGE", description = "PNG, JPEG or WebP.")
    Path image;

    /** The decoded image; a file that is missing or no usable image is bad input, with the reason. */
    BufferedImage decode() {
        InputFiles.requireRegularFile(image, ImageDecoder.MAX_FILE_BYTES, "images");
        try {
            return new ImageDecoder().decode(image).image();
        } catch (BadImageException | IOException e) {
            throw new UserError(image + ": " + e.getMessage(), e);
        }
    }
}
