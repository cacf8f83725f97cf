package org.belladonna.nima;

import static org.belladonna.testing.ReferenceArrays.assertInformative;
import static org.belladonna.testing.ReferenceArrays.maxAbsDifference;
import static org.belladonna.testing.ReferenceArrays.hwc;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.belladonna.testing.Shared;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * NIMA(NASNet-Mobile) on DJL, loaded by Keras layer name from a synthetic file in Keras' HDF5 layout,
 * against {@link KerasNasNetReference}, a naive forward pass written from the Keras source.
 *
 * <p>Input 96x96 instead of 224 to keep the naive reference cheap; the architecture runs at any size of
 * 32 or more and 96 gives the same parity pattern as 224 (stem 47, then 24, 12, 6, 3 against 111, 56,
 * 28, 14, 7): odd sizes (symmetric 'same' padding, the adjust shift reading the zero row) and even ones
 * (the extra padding pixel at the bottom/right) are both exercised in every kind of cell.
 *
 * <p>The synthetic weights are drawn by the reference on a first pass over both test images side by side,
 * BatchNorm statistics following the activations as training would leave them, so both images stay in
 * range through 13 cells and give informative distributions.
 */
class NasNetForwardTest {
    private static final int SIZE = 96;
    private static final long SEED = 20261202L;
    private static final double TOLERANCE = 1e-5;

    @TempDir
    static Path dir;
    private static Map<String, List<KerasWeights.Tensor>> layers;
    private static KerasWeights weights;
    private static float[] batch;
    private static double[][] expected;

    @BeforeAll
    static void generate() throws Exception {
        batch = NimaPreprocessor.toInput(List.of(ScorerInput.decode(Shared.image("synthetic-512x384.png")),
                ScorerInput.decode(Shared.image("art/monet-charing-cross-bridge.jpg"))), SIZE);
        KerasNasNetReference generating = KerasNasNetReference.generating(SEED, KerasNasNetReference.Pools.TF_SAME);
        generating.forward(sideBySide(hwc(batch, 0, SIZE), hwc(batch, 1, SIZE)), SIZE, 2 * SIZE);
        layers = generating.layers();
        KerasNasNetReference reference = KerasNasNetReference.of(layers, KerasNasNetReference.Pools.TF_SAME);
        expected = new double[][] {reference.forward(hwc(batch, 0, SIZE), SIZE, SIZE), reference.forward(hwc(batch, 1, SIZE), SIZE, SIZE)};
        Path file = dir.resolve("synthetic_nasnet.h5");
        KerasWeightsWriter.write(file, layers);
        weights = KerasWeights.read(file);
    }

    @Test
    void matchesTheKerasReference() throws Exception {
        double[][] actual = run(KerasConventions.of(NasNetPadding.TF_SAME));
        for (int n = 0; n < 2; n++) {
            assertInformative(expected[n]);
            double d = maxAbsDifference(expected[n], actual[n]);
            System.out.println("NASNet NIMA image " + n + ": max |p_djl - p_ref| = " + d);
            assertTrue(d <= TOLERANCE, "image " + n + ": max |p_djl - p_ref| = " + d);
        }
    }

    /** keras-applications / tf.keras zero-pad before the reduction cells' stride-2 pools. */
    @Test
    void zeroPaddedPoolsMatchTheirReference() throws Exception {
        double[] reference = KerasNasNetReference.of(layers, KerasNasNetReference.Pools.ZERO_PADDED)
                .forward(hwc(batch, 1, SIZE), SIZE, SIZE);
        double d = maxAbsDifference(reference, run(KerasConventions.of(NasNetPadding.ZERO_PADDED))[1]);
        System.out.println("NASNet NIMA, zero-padded pools: max |p_djl - p_ref| = " + d);
        assertTrue(d <= TOLERANCE, "max |p_djl - p_ref| = " + d);
    }

    enum Fault {
        ADJUST_WITHOUT_CROP(new KerasConventions(1e-3, NasNetPadding.TF_SAME, true, false)),
        STRIDE2_PAD_TOP_LEFT(new KerasConventions(1e-3, NasNetPadding.TF_SAME, false, true)),
        ZERO_PADDED_POOLS(KerasConventions.of(NasNetPadding.ZERO_PADDED)),
        EPSILON_1E_5(new KerasConventions(1e-5, NasNetPadding.TF_SAME, true, true));

        final KerasConventions conventions;

        Fault(KerasConventions conventions) {
            this.conventions = conventions;
        }
    }

    /** Each detail, got wrong in the DJL model, moves the output far beyond the tolerance above. */
    @ParameterizedTest
    @EnumSource(Fault.class)
    void aBrokenDetailIsCaught(Fault fault) throws Exception {
        double[][] actual = run(fault.conventions);
        double d = Math.max(maxAbsDifference(expected[0], actual[0]), maxAbsDifference(expected[1], actual[1]));
        System.out.println("NASNet NIMA with " + fault + ": max |p_djl - p_ref| = " + d);
        assertTrue(d > 100 * TOLERANCE, fault + " is not visible: max |p_djl - p_ref| = " + d);
    }

    /** keras-applications renamed x1's right branch; a file saved from that model loads the same. */
    @Test
    void readsKerasApplicationsLayerNames() throws Exception {
        Map<String, List<KerasWeights.Tensor>> renamed = new LinkedHashMap<>();
        layers.forEach((layer, list) -> renamed.put(layer.replace("reduction_1_", "reduction_right1_"), list.stream()
                .map(t -> new KerasWeights.Tensor(t.name().replace("reduction_1_", "reduction_right1_"), t.shape(), t.data()))
                .toList()));
        assertTrue(renamed.containsKey("separable_conv_1_reduction_right1_stem_1"));
        Path file = dir.resolve("renamed.h5");
        KerasWeightsWriter.write(file, renamed);
        try (NasNetNima nima = NasNetNima.load(file)) {
            assertArrayEquals(run(KerasConventions.of(NasNetPadding.TF_SAME))[1], forward(nima)[1]);
            assertEquals(KerasNasNetReference.DENSE, nima.denseLayer());
        }
    }

    /** The NASNet scorer feeds NimaPreprocessor's 224x224 input (as evaluate_nasnet.py prepares it) to the network. */
    @Test
    void scorerRunsTheNetworkOnTheKerasInput() throws Exception {
        List<java.awt.image.BufferedImage> images = List.of(ScorerInput.decode(Shared.image("synthetic-512x384.png")),
                ScorerInput.decode(Shared.image("art/monet-charing-cross-bridge.jpg")));
        int size = NasNetNima.INPUT_SIZE;
        float[] input = NimaPreprocessor.toInput(images, size);
        try (NasNetNima nima = NasNetNima.load(weights, KerasConventions.of(NasNetPadding.TF_SAME));
             Scorer scorer = ScorerKind.NASNET_TITU1994.load(dir.resolve("synthetic_nasnet.h5"), 1);
             NDManager m = nima.manager().newSubManager()) {
            float[] p = nima.forward(m.create(input, new Shape(2, 3, size, size))).toFloatArray();
            List<NimaScore> scores = scorer.score(images);
            for (int n = 0; n < 2; n++) {
                for (int i = 0; i < Nima.BUCKETS; i++) {
                    assertEquals(p[n * Nima.BUCKETS + i], scores.get(n).distribution()[i], 2e-6, "image " + n);
                }
            }
        }
    }

    /** The first layer loaded, misshapen: the message names the weight, its shape and the one expected. */
    @Test
    void namesAMisshapenWeight() {
        Path file = dir.resolve("misshapen.h5");
        KerasWeightsWriter.write(file, Map.of("stem_conv1", List.of(new KerasWeights.Tensor("stem_conv1/kernel:0",
                new int[] {3, 3, 3, 16}, new float[3 * 3 * 3 * 16]))));
        WeightFileException e = assertThrows(WeightFileException.class, () -> NasNetNima.load(file));
        assertTrue(e.getMessage().contains("'stem_conv1/kernel:0' has shape [3, 3, 3, 16], expected [3, 3, 3, 32]"),
                e.getMessage());
    }

    @Test
    void namesAMissingLayer() throws Exception {
        Map<String, List<KerasWeights.Tensor>> missing = new LinkedHashMap<>();
        missing.put("stem_conv1", layers.get("stem_conv1"));
        Path file = dir.resolve("missing.h5");
        KerasWeightsWriter.write(file, missing);
        WeightFileException e = assertThrows(WeightFileException.class, () -> NasNetNima.load(file));
        assertTrue(e.getMessage().contains("layer 'stem_bn1' is missing"), e.getMessage());
    }

    private static double[][] run(KerasConventions conventions) throws Exception {
        try (NasNetNima nima = NasNetNima.load(weights, conventions)) {
            return forward(nima);
        }
    }

    private static double[][] forward(NasNetNima nima) {
        try (NDManager m = nima.manager().newSubManager()) {
            float[] p = nima.forward(m.create(batch, new Shape(2, 3, SIZE, SIZE))).toFloatArray();
            double[][] out = new double[2][Nima.BUCKETS];
            for (int n = 0; n < 2; n++) {
                for (int i = 0; i < Nima.BUCKETS; i++) {
                    out[n][i] = p[n * Nima.BUCKETS + i];
                }
            }
            return out;
        }
    }


    /** Two SIZE x SIZE HWC images as one SIZE x 2*SIZE image. */
    private static double[] sideBySide(double[] left, double[] right) {
        double[] both = new double[left.length + right.length];
        int row = SIZE * 3;
        for (int y = 0; y < SIZE; y++) {
            System.arraycopy(left, y * row, both, 2 * y * row, row);
            System.arraycopy(right, y * row, both, (2 * y + 1) * row, row);
        }
        return both;
    }
}
