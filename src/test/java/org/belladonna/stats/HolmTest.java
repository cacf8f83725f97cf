package org.belladonna.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HolmTest {

    @Test
    void fourPValuesByHand() {
        // Sorted: 0.005 (x4 = 0.02), 0.01 (x3 = 0.03), 0.03 (x2 = 0.06), 0.04 (x1 = 0.04 -> max with 0.06 = 0.06).
        double[] adj = Holm.adjust(new double[] {0.01, 0.04, 0.03, 0.005});
        assertArrayEquals(new double[] {0.03, 0.06, 0.06, 0.02}, adj, 1e-15);
    }

    @Test
    void capsAtOneAndLeavesMissingOutOfTheFamily() {
        // m = 2 (the NaN is no test): 0.3 x2 = 0.6, 0.7 x1 = 0.7; 0.9 x2 would be 1.8 -> capped at 1 in its own family.
        double[] adj = Holm.adjust(new double[] {0.7, Double.NaN, 0.3});
        assertArrayEquals(new double[] {0.7, Double.NaN, 0.6}, adj, 1e-15);
        assertArrayEquals(new double[] {1, 1}, Holm.adjust(new double[] {0.9, 0.8}), 1e-15);
    }

    @Test
    void neverBelowRawP() {
        double[] p = {0.2, 0.001, 0.049, 0.5, 0.03};
        double[] adj = Holm.adjust(p);
        for (int i = 0; i < p.length; i++) assertTrue(adj[i] >= p[i]);
    }
}
