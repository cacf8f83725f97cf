package org.belladonna.cli;

import org.belladonna.images.BadImageException;
import org.belladonna.images.ImageDecoder;
import picocli.CommandLine.Parameters;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** The IMAGE argument of commands that read one picture, decoded with the safe decoder. */
public final class ImageArgument {
    @Parameters(paramLabel = "IMAGE", description = "PNG, JPEG or WebP.")
    Path image;

    /** The decoded image, or empty after printing one line on stderr saying why not. */
    Optional<BufferedImage> decode(String command) {
        try {
            return Optional.of(new ImageDecoder().decode(image).image());
        } catch (BadImageException | IOException e) {
            System.err.println("belladonna " + command + ": " + image + ": " + e.getMessage());
            return Optional.empty();
        }
    }
}
