package org.belladonna.cli;

import org.belladonna.images.BadImageException;
import org.belladonna.images.ImageDecoder;
import org.belladonna.models.ModelMissingException;
import org.belladonna.vae.ModelsEye;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "see", mixinStandardHelpOptions = true, version = "belladonna 0.1.0",
        description = "Render what the model sees: the image through the TAEF2 encoder and decoder, saved as PNG.")
public final class SeeCommand implements Callable<Integer> {
    @Mixin
    ModelsDirOption models;

    @Parameters(paramLabel = "IMAGE", description = "PNG, JPEG or WebP.")
    Path image;

    @Option(names = "--out", paramLabel = "PNG", required = true)
    Path out;

    @Override
    public Integer call() throws IOException {
        BufferedImage rgb;
        try {
            rgb = new ImageDecoder().decode(image).image();
        } catch (BadImageException | IOException e) {
            System.err.println("belladonna see: " + image + ": " + e.getMessage());
            return 2;
        }
        try (ModelsEye eye = ModelsEye.open(models.registry())) {
            if (!ImageIO.write(eye.see(rgb), "png", out.toFile())) {
                throw new IOException("no PNG writer");
            }
            System.out.println("wrote " + out);
            return 0;
        } catch (ModelMissingException e) {
            System.err.println("belladonna see: " + e.getMessage());
            return 2;
        }
    }
}
