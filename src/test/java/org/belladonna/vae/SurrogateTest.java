package org.belladonna.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import org.belladonna.models.Compute;
import org.belladonna.testing.Shared;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SurrogateTest {
    @Test
    void encodeLeavesOnlyItsResultInTheCallersManager() throws Exception {
        // Before intermediates were released, one pass left every activation here until the manager closed.
        try (Surrogate encoder = Surrogate.load(Family.TAESD, Shared.reference("taesd-family/random_c4_encoder.pth"));
             NDManager manager = NDManager.newBaseManager(Compute.get().device())) {
            NDArray x = manager.randomUniform(0, 1, new Shape(1, 3, 30, 21));   // padded to 32 x 24 inside
            NDArray latent = encoder.encode(x);
            assertEquals(new Shape(1, 4, 4, 3), latent.getShape());
            List<NDArray> held = manager.getManagedArrays();
            assertEquals(2, held.size(), "arrays left in the caller's manager: " + held.size());
            assertTrue(held.stream().anyMatch(a -> a == x) && held.stream().anyMatch(a -> a == latent));

            x.setRequiresGradient(true);
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                collector.backward(encoder.encode(x).sum());
            }
            assertTrue(x.getGradient().abs().sum().getFloat() > 0, "the gradient reaches the pixels");
        }
    }

    @Test
    void wrapsAnyInitialisedBlock() {
        NDManager parameters = NDManager.newBaseManager(Compute.get().device());
        SequentialBlock tiny = new SequentialBlock();
        for (int filters : new int[] {8, 8, 4}) {
            tiny.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optStride(new Shape(2, 2))
                    .optPadding(new Shape(1, 1)).setFilters(filters).build());
            if (filters != 4) {
                tiny.add(Activation::relu);
            }
        }
        parameters.getEngine().setRandomSeed(3);
        tiny.initialize(parameters, DataType.FLOAT32, new Shape(1, 3, 16, 16));
        try (Surrogate encoder = Surrogate.of("tiny", tiny, parameters, 8, 4);
             NDManager manager = NDManager.newBaseManager(Compute.get().device())) {
            assertTrue(encoder.family().isEmpty());
            assertEquals("tiny", encoder.name());
            NDArray x = manager.randomUniform(0, 1, new Shape(2, 3, 20, 33));
            x.setRequiresGradient(true);
            NDArray latent;
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                latent = encoder.encode(x);
                collector.backward(latent.sum());
            }
            assertEquals(new Shape(2, 4, 3, 5), latent.getShape());
            assertTrue(x.getGradient().abs().sum().getFloat() > 0, "the gradient reaches the pixels");
        }
    }

    @Test
    void refusesWhatIsNotAnImage() throws Exception {
        try (Surrogate encoder = Surrogate.load(Family.TAESD, Shared.reference("taesd-family/random_c4_encoder.pth"));
             NDManager manager = NDManager.newBaseManager(Compute.get().device())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> encoder.encode(manager.zeros(new Shape(1, 4, 16, 16))));
            assertTrue(e.getMessage().contains("taesd needs N x 3 x H x W float32 RGB, got (1, 4, 16, 16)"), e.getMessage());
        }
    }
}
