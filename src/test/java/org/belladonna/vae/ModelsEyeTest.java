package org.belladonna.vae;

import org.belladonna.testing.TestModels;
import org.belladonna.testing.Shared;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Decoder check: decoder(encoder(x)) against the PyTorch reference renders. */
class ModelsEyeTest {
    @TempDir
    static Path models;
    static ModelsEye eye;

    @BeforeAll
    static void open() throws Exception {
        eye = ModelsEye.open(TestModels.installed(models, Taef2.ENCODER_ID, Taef2.DECODER_ID));
    }

    @AfterAll
    static void close() {
        eye.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"synthetic-256", "synthetic-512x384"})
    void seesWhatPyTorchSees(String name) throws Exception {
        BufferedImage expected = ImageIO.read(Shared.reference("taef2/" + name + ".decoded.png").toFile());
        BufferedImage seen = eye.see(TestModels.image(name + ".png"));
        assertEquals(expected.getWidth(), seen.getWidth());
        assertEquals(expected.getHeight(), seen.getHeight());
        long values = 0;
        long within = 0;
        int worst = 0;
        for (int y = 0; y < seen.getHeight(); y++) {
            for (int x = 0; x < seen.getWidth(); x++) {
                int a = seen.getRGB(x, y);
                int b = expected.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    int d = Math.abs(((a >> shift) & 0xff) - ((b >> shift) & 0xff));
                    worst = Math.max(worst, d);
                    values++;
                    within += d <= 2 ? 1 : 0;
                }
            }
        }
        assertTrue(within >= 0.99 * values, within + " of " + values + " channel values within 2 levels; worst " + worst);
    }

    @org.junit.jupiter.api.Test
    void keepsTheSizeOfImagesThatAreNotMultiplesOfEight() throws Exception {
        BufferedImage odd = TestModels.image("synthetic-256.png").getSubimage(3, 5, 101, 77);
        BufferedImage seen = eye.see(odd);
        assertEquals(101, seen.getWidth());
        assertEquals(77, seen.getHeight());
    }
}
