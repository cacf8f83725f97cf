package org.belladonna.nima;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NimaScoreTest {
    @Test
    void allMassOnOneRatingHasThatMeanAndNoSpread() {
        NimaScore s = NimaScore.of(new double[] {0, 0, 0, 0, 1, 0, 0, 0, 0, 0});
        assertEquals(5.0, s.mean(), 1e-12);
        assertEquals(0.0, s.std(), 1e-12);
    }

    @Test
    void twoExtremes() {
        // mean = 0.5*1 + 0.5*10 = 5.5; variance = 0.5*4.5^2 + 0.5*4.5^2 = 20.25
        NimaScore s = NimaScore.of(new double[] {0.5, 0, 0, 0, 0, 0, 0, 0, 0, 0.5});
        assertEquals(5.5, s.mean(), 1e-12);
        assertEquals(4.5, s.std(), 1e-12);
    }

    @Test
    void skewedDistributionByHand() {
        // p(3)=0.2, p(4)=0.5, p(8)=0.3: mean = 0.6+2+2.4 = 5.0;
        // variance = 0.2*4 + 0.5*1 + 0.3*9 = 0.8+0.5+2.7 = 4.0 -> std 2
        NimaScore s = NimaScore.of(new double[] {0, 0, 0.2, 0.5, 0, 0, 0, 0.3, 0, 0});
        assertEquals(5.0, s.mean(), 1e-12);
        assertEquals(2.0, s.std(), 1e-12);
    }

    @Test
    void normalisesLikeIdealoCalcMeanScore() {
        // uniform counts: mean 5.5, variance (10^2 - 1) / 12 = 8.25
        NimaScore s = NimaScore.of(new double[] {2, 2, 2, 2, 2, 2, 2, 2, 2, 2});
        assertEquals(5.5, s.mean(), 1e-12);
        assertEquals(Math.sqrt(8.25), s.std(), 1e-12);
        assertArrayEquals(new double[] {.1, .1, .1, .1, .1, .1, .1, .1, .1, .1}, s.distribution(), 1e-12);
    }

    @Test
    void refusesWrongLengthAndNegativeOrNaN() {
        assertThrows(IllegalArgumentException.class, () -> NimaScore.of(new double[9]));
        assertThrows(IllegalArgumentException.class, () -> NimaScore.of(new double[] {-1, 2, 0, 0, 0, 0, 0, 0, 0, 0}));
        assertThrows(IllegalArgumentException.class, () -> NimaScore.of(new double[] {Double.NaN, 1, 0, 0, 0, 0, 0, 0, 0, 0}));
        assertThrows(IllegalArgumentException.class, () -> NimaScore.of(new double[10]));
    }
}
