package org.belladonna.nima;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KerasWeightsTest {
    @TempDir
    Path dir;

    @Test
    void readsLayersAndNestedDatasetsThroughTheFilesOwnNames() throws Exception {
        Map<String, List<KerasWeights.Tensor>> layers = SyntheticNimaWeights.layers(1);
        Path file = write(layers);
        KerasWeights weights = KerasWeights.read(file);

        assertEquals(List.copyOf(layers.keySet()), weights.layerNames());
        assertEquals(List.of("input_1", "conv1_pad", "conv1"), weights.layerNames().subList(0, 3));
        assertEquals(MobileNetV1.kerasLayers().size() + 1, weights.layersWithWeights().size());
        KerasWeights.Tensor expected = layers.get("conv_dw_2").get(0);
        KerasWeights.Tensor read = weights.get("conv_dw_2", "depthwise_kernel", 3, 3, 64, 1);
        assertEquals("conv_dw_2/depthwise_kernel:0", read.name());
        assertArrayEquals(expected.data(), read.data());
    }

    @Test
    void namesAMissingWeight() throws Exception {
        Map<String, List<KerasWeights.Tensor>> layers = SyntheticNimaWeights.layers(1);
        layers.put("conv_pw_5_bn", without(layers.get("conv_pw_5_bn"), "moving_variance"));
        WeightFileException e = assertThrows(WeightFileException.class, () -> Nima.load(write(layers)));
        assertTrue(e.getMessage().contains("'conv_pw_5_bn/moving_variance' is missing"), e.getMessage());
    }

    @Test
    void namesAMisshapenWeightWithExpectedAndFoundShapes() throws Exception {
        Map<String, List<KerasWeights.Tensor>> layers = SyntheticNimaWeights.layers(1);
        layers.put("conv_dw_3", List.of(new KerasWeights.Tensor("conv_dw_3/depthwise_kernel:0",
                new int[] {3, 3, 64, 1}, new float[3 * 3 * 64])));
        WeightFileException e = assertThrows(WeightFileException.class, () -> Nima.load(write(layers)));
        assertTrue(e.getMessage().contains("'conv_dw_3/depthwise_kernel:0' has shape [3, 3, 64, 1], expected [3, 3, 128, 1]"),
                e.getMessage());
    }

    @Test
    void namesAMissingLayer() throws Exception {
        Map<String, List<KerasWeights.Tensor>> layers = SyntheticNimaWeights.layers(1);
        layers.remove("conv_pw_13");
        WeightFileException e = assertThrows(WeightFileException.class, () -> Nima.load(write(layers)));
        assertTrue(e.getMessage().contains("layer 'conv_pw_13' is missing"), e.getMessage());
    }

    @Test
    void findsTheHeadWhateverKerasNamedIt() throws Exception {
        Map<String, List<KerasWeights.Tensor>> layers = new LinkedHashMap<>();
        SyntheticNimaWeights.layers(1).forEach((layer, weights) -> {
            if (layer.equals("dense_1")) {
                layers.put("dense", weights.stream().map(t -> new KerasWeights.Tensor(
                        t.name().replace("dense_1/", "dense/"), t.shape(), t.data())).toList());
            } else {
                layers.put(layer, weights);
            }
        });
        try (Nima nima = Nima.load(write(layers))) {
            assertEquals("dense", nima.denseLayer());
        }
    }

    @Test
    void refusesAFileThatIsNotHdf5() throws Exception {
        Path file = dir.resolve("weights.hdf5");
        Files.writeString(file, "<html>404 Not Found</html>");
        WeightFileException e = assertThrows(WeightFileException.class, () -> KerasWeights.read(file));
        assertTrue(e.getMessage().contains("HDF5"), e.getMessage());
    }

    @Test
    void refusesAMissingFile() {
        WeightFileException e = assertThrows(WeightFileException.class,
                () -> KerasWeights.read(dir.resolve("absent.hdf5")));
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
    }

    private Path write(Map<String, List<KerasWeights.Tensor>> layers) {
        Path file = dir.resolve("w" + System.nanoTime() + ".hdf5");
        KerasWeightsWriter.write(file, layers);
        return file;
    }

    private static List<KerasWeights.Tensor> without(List<KerasWeights.Tensor> weights, String shortName) {
        List<KerasWeights.Tensor> kept = new ArrayList<>(weights);
        kept.removeIf(t -> KerasWeights.shortName(t.name()).equals(shortName));
        return kept;
    }
}
