package org.belladonna.nima;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class NimaPreprocessorTest {
    @Test
    void pilNearestSamplesPixelCentresWhenShrinking() {
        // scale 10/4 = 2.5: centres 1.25, 3.75, 6.25, 8.75 -> 1, 3, 6, 8 (a corner-aligned resize would give 0, 3, 6, 9)
        assertArrayEquals(new int[] {1, 3, 6, 8}, NimaPreprocessor.pilNearestIndices(10, 4));
    }

    @Test
    void pilNearestWhenEnlarging() {
        // scale 3/7: 0.214, 0.643, 1.071, 1.5, 1.929, 2.357, 2.786
        assertArrayEquals(new int[] {0, 0, 1, 1, 1, 2, 2}, NimaPreprocessor.pilNearestIndices(3, 7));
    }

    @Test
    void pilNearestForAReadmeSampleWidth() {
        // 1024 -> 224, scale 4.5714...: first centre 2.2857 -> 2; last 223.5 * 4.5714 = 1021.7 -> 1021
        int[] xs = NimaPreprocessor.pilNearestIndices(1024, 224);
        assertEquals(2, xs[0]);
        assertEquals(6, xs[1]); // 6.857
        assertEquals(1021, xs[223]);
    }

    @Test
    void samePixelsWhenSizesMatch() {
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, NimaPreprocessor.pilNearestIndices(5, 5));
    }

    @Test
    void scalesToMinusOneOneInRgbPlanes() {
        BufferedImage image = new BufferedImage(4, 2, BufferedImage.TYPE_INT_RGB);
        // row 0: (255, 0, 51) everywhere; row 1: (102, 204, 0)
        for (int x = 0; x < 4; x++) {
            image.setRGB(x, 0, (255 << 16) | 51);
            image.setRGB(x, 1, (102 << 16) | (204 << 8));
        }
        // 4x2 -> 2x2: xs = {1, 3}, ys = {0, 1}
        float[] in = NimaPreprocessor.toInput(List.of(image), 2);
        float[] expected = {
                1f, 1f, 102 / 127.5f - 1, 102 / 127.5f - 1,   // R plane
                -1f, -1f, 204 / 127.5f - 1, 204 / 127.5f - 1, // G plane
                51 / 127.5f - 1, 51 / 127.5f - 1, -1f, -1f,   // B plane: 51/127.5 - 1 = -0.6
        };
        assertArrayEquals(expected, in, 1e-7f);
        assertEquals(-0.6f, in[8], 1e-6f);
    }

    @Test
    void picksThePixelsPilWould() {
        BufferedImage image = new BufferedImage(10, 1, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 10; x++) {
            image.setRGB(x, 0, x * 20);
        }
        int[] out = NimaPreprocessor.resizeNearest(image, 4, 1);
        assertArrayEquals(new int[] {20, 60, 120, 160}, out);
    }

    @Test
    void greyIsReplicatedNotGammaCorrected() {
        // PIL's L -> RGB copies the value; Java's getRGB on TYPE_BYTE_GRAY would turn 100 into 168.
        BufferedImage grey = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(0, 0, 0, 100);
        assertArrayEquals(new int[] {0x646464}, NimaPreprocessor.resizeNearest(grey, 1, 1));
    }
}
