package org.belladonna.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.belladonna.images.Tensors;
import org.belladonna.models.Compute;
import org.belladonna.models.weights.Npy;
import org.belladonna.vae.Surrogate;
import org.belladonna.vae.Taef2;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

@Command(name = "encode", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Encode an image with the TAEF2 encoder and save the latent as float32 .npy "
                + "(1 x 32 x ceil(H/8) x ceil(W/8); input RGB/255, sides edge-padded to multiples of 8).")
public final class EncodeCommand extends OneImageCommand {
    @Option(names = "--out", paramLabel = "LATENT.npy", required = true, description = "Where to write the latent.")
    Path out;

    @Override
    public Integer call() throws IOException {
        BufferedImage rgb = image.decode();
        try (Surrogate encoder = Taef2.encoder(models.registry());
             NDManager manager = NDManager.newBaseManager(Compute.get().device())) {
            NDArray latent = encoder.encode(Tensors.toNCHW(manager, rgb));
            try (OutputStream stream = Files.newOutputStream(out)) {
                Npy.write(stream, latent.getShape(), latent.toFloatArray());
            }
            System.out.println("wrote " + out + " " + latent.getShape() + " on " + Compute.get().describe());
            return 0;
        }
    }
}
