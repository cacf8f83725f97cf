package org.belladonna.protect;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class GeometryTest {

    @Test
    void workingSizeKeepsAspectInMultiplesOf8() {
        assertEquals(new WorkingGeometry(1600, 1052, 776, 512), WorkingGeometry.of(1600, 1052, 512));
        assertEquals(new WorkingGeometry(250, 170, 248, 168), WorkingGeometry.of(250, 170, 512)); // never upscaled
        assertEquals(new WorkingGeometry(512, 512, 512, 512), WorkingGeometry.of(512, 512, 512));
    }

    @Test
    void areaWeightsAverageTheCoveredInterval() {
        float[][] m = Resampling.area(4, 2);
        assertArrayEquals(new float[] {0.5f, 0.5f, 0, 0}, m[0]);
        assertArrayEquals(new float[] {0, 0, 0.5f, 0.5f}, m[1]);
        float[][] third = Resampling.area(3, 2); // each output covers 1.5 inputs
        assertArrayEquals(new float[] {2 / 3f, 1 / 3f, 0}, third[0], 1e-6f);
        assertArrayEquals(new float[] {0, 1 / 3f, 2 / 3f}, third[1], 1e-6f);
    }

    @Test
    void bilinearRowsAreConvexCombinations() {
        for (float[] row : Resampling.bilinear(7, 23)) {
            float sum = 0;
            for (float v : row) {
                sum += v;
                assertEquals(true, v >= 0);
            }
            assertEquals(1f, sum, 1e-6f);
        }
    }
}
