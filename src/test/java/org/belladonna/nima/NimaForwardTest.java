package org.belladonna.nima;

import static org.belladonna.testing.ReferenceArrays.assertInformative;
import static org.belladonna.testing.ReferenceArrays.maxAbsDifference;
import static org.belladonna.testing.ReferenceArrays.hwc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The DJL model, loaded through the production loader from a synthetic file in Keras' layout, against
 * the naive Keras-semantics reference on small inputs. Pins padding, depthwise grouping, BatchNorm epsilon
 * and every layout conversion.
 */
class NimaForwardTest {
    private static final long SEED = 20240611L;
    private static final double TOLERANCE = 1e-5;

    @TempDir
    static Path dir;
    private static Map<String, List<KerasWeights.Tensor>> layers;
    private static Nima nima;

    @BeforeAll
    static void load() throws Exception {
        layers = SyntheticNimaWeights.layers(SEED);
        Path file = dir.resolve("synthetic_nima.hdf5");
        KerasWeightsWriter.write(file, layers);
        nima = Nima.load(file);
    }

    @AfterAll
    static void close() {
        nima.close();
    }

    /** 32: every stride-2 input even (as at 224). 40: odd sizes at blocks 6 and 12, where only Keras' explicit padding is right. */
    @ParameterizedTest
    @ValueSource(ints = {32, 40})
    void matchesTheKerasReference(int size) {
        int batch = 2;
        float[] nchw = randomInput(batch, size, new SplittableRandom(size));
        List<NimaScore> scores = new NimaScorer(nima).forward(nchw, batch, size);

        KerasReferenceForward reference = new KerasReferenceForward(layers, "dense_1", 1e-3,
                KerasReferenceForward.Stride2Padding.BOTTOM_RIGHT);
        for (int n = 0; n < batch; n++) {
            double[] expected = reference.forward(hwc(nchw, n, size), size, size);
            double[] actual = scores.get(n).distribution();
            assertInformative(expected);
            assertTrue(maxAbsDifference(expected, actual) <= TOLERANCE,
                    "image " + n + " at " + size + "px: max |p_djl - p_ref| = " + maxAbsDifference(expected, actual));
        }
    }

    /** The comparison above would catch a wrong epsilon or TF-style symmetric padding: both move p by far more than 1e-5. */
    @Test
    void conventionMistakesAreVisibleAtThisTolerance() {
        int size = 32;
        float[] nchw = randomInput(1, size, new SplittableRandom(7));
        double[] actual = new NimaScorer(nima).forward(nchw, 1, size).get(0).distribution();
        double[] hwc = hwc(nchw, 0, size);

        double[] wrongEpsilon = new KerasReferenceForward(layers, "dense_1", 1e-5,
                KerasReferenceForward.Stride2Padding.BOTTOM_RIGHT).forward(hwc, size, size);
        double[] wrongPadding = new KerasReferenceForward(layers, "dense_1", 1e-3,
                KerasReferenceForward.Stride2Padding.SYMMETRIC).forward(hwc, size, size);
        assertTrue(maxAbsDifference(wrongEpsilon, actual) > 100 * TOLERANCE,
                "epsilon 1e-5 vs 1e-3: " + maxAbsDifference(wrongEpsilon, actual));
        assertTrue(maxAbsDifference(wrongPadding, actual) > 100 * TOLERANCE,
                "symmetric padding: " + maxAbsDifference(wrongPadding, actual));
    }

    /** The Keras 2.1.6 convention (pad one each side) against the reference doing the same. */
    @ParameterizedTest
    @ValueSource(ints = {32, 40})
    void keras216PaddingMatchesTheReference(int size) throws Exception {
        float[] nchw = randomInput(1, size, new SplittableRandom(size + 1));
        double[] actual;
        try (Nima keras216 = Nima.load(dir.resolve("synthetic_nima.hdf5"), StridePadding.KERAS_2_1_6)) {
            actual = new NimaScorer(keras216).forward(nchw, 1, size).get(0).distribution();
        }
        double[] expected = new KerasReferenceForward(layers, "dense_1", 1e-3,
                KerasReferenceForward.Stride2Padding.SYMMETRIC).forward(hwc(nchw, 0, size), size, size);
        assertInformative(expected);
        assertTrue(maxAbsDifference(expected, actual) <= TOLERANCE, "max |p_djl - p_ref| = "
                + maxAbsDifference(expected, actual));
    }

    @Test
    void findsTheDenseHead() {
        assertEquals("dense_1", nima.denseLayer());
    }


    private static float[] randomInput(int batch, int size, SplittableRandom random) {
        float[] x = new float[batch * 3 * size * size];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return x;
    }
}
