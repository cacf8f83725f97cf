package org.belladonna.protect;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BudgetTest {

    @Test
    void fractionsFloorToWholeLevels() {
        assertEquals(10, Budget.ofFraction(10 / 255.0).levels());
        assertEquals(12, Budget.ofFraction(0.05).levels()); // 12.75 -> 12: never above what was asked
        assertThrows(IllegalArgumentException.class, () -> Budget.ofFraction(0.001));
        assertThrows(IllegalArgumentException.class, () -> Budget.ofFraction(0.5));
    }

    @Test
    void roundingThatWouldOvershootIsClippedBack() {
        Budget b = new Budget(10);
        assertEquals(110, b.project(100, 10.4f / 255)); // rounds to 110: inside
        assertEquals(110, b.project(100, 10.6f / 255)); // would round to 111: clipped to 110
        assertEquals(90, b.project(100, -10.6f / 255));
        assertEquals(255, b.project(250, 10f / 255)); // valid range wins
        assertEquals(0, b.project(3, -10f / 255));
        assertEquals(101, b.project(100, 0.6f / 255));
    }

    @Test
    void appliedImageHoldsTheBudgetExactly() {
        BufferedImage original = ImageQualityTest.flat(9, 7, 0x80FF00);
        float[][] delta = new float[3][63];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < 63; i++) {
                delta[c][i] = ((i * 7 + c * 13) % 23 - 11) / 255f * 1.049f; // up to +-11.5 levels
            }
        }
        BufferedImage out = new Budget(11).apply(original, delta);
        assertEquals(11, Budget.maxChange(original, out));
    }
}
