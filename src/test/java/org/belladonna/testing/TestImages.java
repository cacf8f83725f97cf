package org.belladonna.testing;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Small generated images for tests: distinct content per seed, so each has its own hash. */
public final class TestImages {
    private TestImages() {
    }

    public static BufferedImage picture(int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(seed);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(random.nextInt(0xFFFFFF)));
        g.fillRect(0, 0, width, height);
        for (int i = 0; i < 6; i++) {
            g.setColor(new Color(random.nextInt(0xFFFFFF)));
            g.fillOval(random.nextInt(width), random.nextInt(height), 1 + random.nextInt(width / 2 + 1), 1 + random.nextInt(height / 2 + 1));
        }
        g.dispose();
        return image;
    }

    public static byte[] png(int width, int height, long seed) {
        return encode(picture(width, height, seed), "png");
    }

    public static byte[] jpeg(int width, int height, long seed) {
        return encode(picture(width, height, seed), "jpg");
    }

    public static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
