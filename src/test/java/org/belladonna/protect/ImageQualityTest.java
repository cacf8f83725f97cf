package org.belladonna.protect;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageQualityTest {

    static BufferedImage flat(int w, int h, int rgb) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        return img;
    }

    @Test
    void psnrOfOneLevelEverywhereIs48dB() {
        // MSE = 1 -> 10 log10(255^2) = 48.1308 dB
        double psnr = ImageQuality.psnr(flat(20, 20, 0x646464), flat(20, 20, 0x656565));
        assertEquals(48.1308, psnr, 1e-3);
    }

    @Test
    void psnrOfOneChannelOfOnePixel() {
        BufferedImage a = flat(10, 10, 0x646464);
        BufferedImage b = flat(10, 10, 0x646464);
        b.setRGB(3, 4, 0x6E6464); // red +10
        // MSE = 100 / 300 -> 10 log10(65025 * 3) = 52.9020 dB
        assertEquals(52.9020, ImageQuality.psnr(a, b), 1e-3);
        assertEquals(Double.POSITIVE_INFINITY, ImageQuality.psnr(a, a));
    }

    @Test
    void ssimOfFlatImagesIsTheLuminanceTerm() {
        // zero variance everywhere: SSIM = (2 mu_x mu_y + C1) / (mu_x^2 + mu_y^2 + C1), C1 = (0.01*255)^2
        double c1 = 6.5025;
        double expected = (2 * 100.0 * 110 + c1) / (100.0 * 100 + 110.0 * 110 + c1);
        assertEquals(expected, ImageQuality.ssim(flat(32, 24, 0x646464), flat(32, 24, 0x6E6E6E)), 1e-6);
    }

    @Test
    void ssimOfAStripeAgainstItsInverse() {
        // vertical stripes 0/255 vs 255/0, any 11x11 window: mu ~ equal, sigma_x = sigma_y, cov = -sigma^2,
        // so SSIM = lum * (C2 - 2 s^2) / (2 s^2 + C2) is close to -1
        BufferedImage a = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        BufferedImage b = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                a.setRGB(x, y, x % 2 == 0 ? 0xFFFFFF : 0);
                b.setRGB(x, y, x % 2 == 0 ? 0 : 0xFFFFFF);
            }
        }
        double s = ImageQuality.ssim(a, b);
        assertTrue(s < -0.95 && s > -1.0, "ssim " + s);
        assertEquals(1.0, ImageQuality.ssim(a, a), 1e-12);
    }
}
