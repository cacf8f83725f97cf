package org.belladonna.nima;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * Pillow 9.4's {@code Image.resize(size, BILINEAR)} on a 7x5 RGB pattern, values printed by Pillow itself
 * (Debian python3-pil 9.4.0): enlarging (the filter keeps support 1), shrinking (support widened by the
 * scale) and both at once. The reference tensors cover large downscales; these cover the rest.
 */
class PillowResizeTest {
    private static final int WIDTH = 7;
    private static final int HEIGHT = 5;

    /** a[y, x] = ((x*37 + y*11) % 256, (x*x*13 + y*53) % 256, (255 - x*29 - y*17) % 256), as in the Python. */
    private static int[] pattern() {
        int[] rgb = new int[WIDTH * HEIGHT];
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                int r = (x * 37 + y * 11) % 256;
                int g = (x * x * 13 + y * 53) % 256;
                int b = Math.floorMod(255 - x * 29 - y * 17, 256);
                rgb[y * WIDTH + x] = r << 16 | g << 8 | b;
            }
        }
        return rgb;
    }

    @Test
    void enlargesAsPillow() {
        assertArrayEquals(new int[] {
                0x0000FF, 0x1106F2, 0x2811DF, 0x4029CD, 0x574CBA, 0x6F75A8, 0x87AF96, 0x9EAA83, 0xB65271, 0xCD935E, 0xDED451,
                0x0517F8, 0x161DEB, 0x2D28D8, 0x4540C6, 0x5C63B3, 0x748CA1, 0x8C7F8F, 0xA3707C, 0xBB5F6A, 0xD26D57, 0xE37B4A,
                0x0C38ED, 0x1D3EE0, 0x3449CD, 0x4C61BB, 0x6384A8, 0x7BAD96, 0x934484, 0xAA2871, 0xC2725F, 0xD93F4C, 0xEA0C3F,
                0x1359E2, 0x245FD5, 0x3B6AC2, 0x5382B0, 0x6AA59D, 0x82CE8B, 0x9A6579, 0xB14966, 0xC99354, 0xE06041, 0xF12D34,
                0x197BD8, 0x2A81CB, 0x418CB8, 0x59A4A6, 0x70AA93, 0x88A081, 0xA06A6F, 0xB76B5C, 0xCFB54A, 0xE68237, 0xF74F2A,
                0x209CCD, 0x31A2C0, 0x48ADAD, 0x60C59B, 0x779188, 0x8F2176, 0xA75164, 0xBE8C51, 0xD6D63F, 0xEDA32C, 0xFE701F,
                0x27BDC2, 0x38C3B5, 0x4FC0A2, 0x677D90, 0x7E507D, 0x96326B, 0xAE6C59, 0xC58546, 0xDD7434, 0xA68321, 0x759114,
                0x2CD4BB, 0x3DDAAE, 0x54CD9B, 0x6C4389, 0x832076, 0x9B4964, 0xB38352, 0xCA7E3F, 0xE2262D, 0x6E671A, 0x0AA80D,
        }, PillowResize.resize(pattern(), WIDTH, HEIGHT, 11, 8));
    }

    @Test
    void shrinksAsPillow() {
        assertArrayEquals(new int[] {0x2B46D5, 0x7A7997, 0xC96759, 0x419FB3, 0x907075, 0xC28037},
                PillowResize.resize(pattern(), WIDTH, HEIGHT, 3, 2));
    }

    @Test
    void widensOneAxisAndShrinksTheOtherAsPillow() {
        assertArrayEquals(new int[] {
                0x0517F8, 0x101BEF, 0x2422DF, 0x3833D0, 0x4C48C0, 0x6069B1, 0x748CA1, 0x888291, 0x9C7782, 0xB06772, 0xC46163, 0xD87353, 0xE37D4A,
                0x166ADD, 0x216ED4, 0x3575C4, 0x4986B5, 0x5D9BA5, 0x71A296, 0x85A686, 0x996C76, 0xAD4367, 0xC18257, 0xD59E48, 0xE96138, 0xF43E2F,
                0x27BDC2, 0x32C1B9, 0x46C8A9, 0x5AA19A, 0x6E678A, 0x824A7B, 0x96326B, 0xAA635B, 0xBE8B4C, 0xD27B3C, 0xCF752D, 0x95871D, 0x739114,
        }, PillowResize.resize(pattern(), WIDTH, HEIGHT, 13, 3));
    }
}
