package org.belladonna.nima;

import static org.belladonna.testing.ReferenceArrays.maxAbsDifference;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.belladonna.images.ImageDecoder;
import org.belladonna.models.weights.Npy;
import org.belladonna.models.weights.WeightTensor;
import org.belladonna.testing.Shared;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * yunxiaoshi's VGG16 NIMA against upstream's own code run on seeded random weights in upstream's file
 * format ({@code shared/reference/nima-vgg16}, made with torch 1.13, torchvision 0.14, Pillow 9.4): the
 * network on upstream's own input tensor, and our preprocessing against that tensor. Image files end to
 * end, through the model registry, are in {@link ScorerTest}. One forward pass here (~15 GFLOP).
 */
class Vgg16NimaTest {
    private static final String LILIES = "art/monet-water-lilies-1919.jpg";
    /** Probabilities from the reference's own float32 input (README: float32 vs float64 differ by 3.4e-7). */
    private static final double NETWORK_TOLERANCE = 1e-5;

    private static JsonNode reference;
    private static Vgg16Nima nima;

    @BeforeAll
    static void load() throws IOException {
        Path dir = Shared.reference("nima-vgg16");
        reference = new ObjectMapper().readTree(dir.resolve("reference.json").toFile());
        nima = Vgg16Nima.load(dir.resolve("nima_vgg16_random.pth"));
    }

    @AfterAll
    static void close() {
        nima.close();
    }

    @Test
    void networkMatchesUpstreamOnItsOwnInput() throws IOException {
        WeightTensor input = Npy.read(Shared.reference("nima-vgg16/input_monet-water-lilies-1919.npy"));
        double[] actual = forward(input.data(), 1)[0];
        double difference = maxAbsDifference(expected(LILIES), actual);
        System.out.println("VGG16 NIMA, reference input: max |p - p_ref| = " + difference);
        assertTrue(difference <= NETWORK_TOLERANCE, "max |p - p_ref| = " + difference);
    }

    /** Decoding, Pillow's resize, the crop and the float32 normalisation reproduce upstream's tensor bit for bit. */
    @Test
    void preprocessingReproducesTheReferenceTensorExactly() throws Exception {
        float[] expected = Npy.read(Shared.reference("nima-vgg16/input_monet-water-lilies-1919.npy")).data();
        float[] actual = Vgg16Preprocessor.toInput(List.of(image(LILIES)));
        assertArrayEquals(expected, actual);
    }

    /**
     * Every reference image (baseline and progressive JPEGs, palette PNGs with an sRGB iCCP chunk, RGB PNGs,
     * up- and downscaled) preprocessed to upstream's tensor: its sum and per-channel mean and std.
     */
    @Test
    void preprocessingMatchesUpstreamOnEveryReferenceImage() throws Exception {
        for (var entry : iterable(reference.get("images").fields())) {
            float[] x = Vgg16Preprocessor.toInput(List.of(image(entry.getKey())));
            JsonNode ref = entry.getValue();
            int plane = 224 * 224;
            double total = 0;
            for (int c = 0; c < 3; c++) {
                double mean = 0;
                for (int i = c * plane; i < (c + 1) * plane; i++) {
                    mean += x[i];
                }
                total += mean;
                mean /= plane;
                double var = 0;
                for (int i = c * plane; i < (c + 1) * plane; i++) {
                    var += (x[i] - mean) * (x[i] - mean);
                }
                // float32 values summed in double: identical pixels agree to ~1e-12; one pixel one level off moves a mean by ~3e-7
                assertEquals(ref.get("input_channel_mean").get(c).asDouble(), mean, 1e-9, entry.getKey() + " channel " + c);
                assertEquals(ref.get("input_channel_std").get(c).asDouble(), Math.sqrt(var / plane), 1e-9, entry.getKey());
            }
            assertEquals(ref.get("input_sum").asDouble(), total, 1e-6, entry.getKey());
        }
    }

    @Test
    void resizeAndCropGeometryMatchTorchvision() {
        for (var entry : iterable(reference.get("images").fields())) {
            JsonNode image = entry.getValue();
            int[] size = Vgg16Preprocessor.resizedSize(image.get("source_size_wh").get(0).asInt(),
                    image.get("source_size_wh").get(1).asInt());
            assertArrayEquals(new int[] {image.get("resized_size_wh").get(0).asInt(), image.get("resized_size_wh").get(1).asInt()},
                    size, entry.getKey());
            assertEquals(image.get("crop_top_left").get(0).asInt(), Vgg16Preprocessor.cropOffset(size[1], 224), entry.getKey());
            assertEquals(image.get("crop_top_left").get(1).asInt(), Vgg16Preprocessor.cropOffset(size[0], 224), entry.getKey());
        }
    }

    private static double[][] forward(float[] nchw, int count) {
        try (NDManager batch = nima.manager().newSubManager()) {
            float[] p = nima.forward(batch.create(nchw, new Shape(count, 3, 224, 224))).toFloatArray();
            double[][] out = new double[count][Nima.BUCKETS];
            for (int n = 0; n < count; n++) {
                for (int i = 0; i < Nima.BUCKETS; i++) {
                    out[n][i] = p[n * Nima.BUCKETS + i];
                }
            }
            return out;
        }
    }

    private static BufferedImage image(String name) throws Exception {
        return new ImageDecoder().decodeRawSamples(Shared.image(name)).image();
    }

    private static double[] expected(String name) {
        JsonNode probs = reference.get("images").get(name).get("probs");
        double[] p = new double[probs.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = probs.get(i).asDouble();
        }
        return p;
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> iterator) {
        return () -> iterator;
    }
}
