package org.belladonna.cli;

import org.belladonna.vae.ModelsEye;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

@Command(name = "see", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Render what the model sees: the image through the TAEF2 encoder and decoder, saved as PNG.")
public final class SeeCommand extends OneImageCommand {
    @Option(names = "--out", paramLabel = "PNG", required = true, description = "Where to write the rendering.")
    Path out;

    @Override
    public Integer call() throws IOException {
        BufferedImage rgb = image.decode();
        try (ModelsEye eye = ModelsEye.open(models.registry())) {
            if (!ImageIO.write(eye.see(rgb), "png", out.toFile())) {
                throw new IOException("no PNG writer");
            }
            System.out.println("wrote " + out);
            return 0;
        }
    }
}
