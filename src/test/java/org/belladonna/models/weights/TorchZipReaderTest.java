package org.belladonna.models.weights;

import ai.djl.ndarray.types.Shape;
import org.belladonna.testing.Shared;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TorchZipReaderTest {
    @Test
    void readsTaef2EncoderInFileOrder() throws IOException {
        StateDict dict = TorchZipReader.read(Shared.models().resolve("taef2_encoder.pth"));
        assertEquals(79, dict.size());
        assertEquals(1_338_528, dict.parameterCount());
        List<String> names = new ArrayList<>(dict.names());
        assertEquals(List.of("0.weight", "0.bias", "1.conv.0.weight", "1.conv.0.bias"), names.subList(0, 4));
        assertEquals("14.bias", names.get(78));
        assertEquals(new Shape(256, 64, 1, 1), dict.get("11.pool.0.weight").shape());
        // float16 values as numpy widens them (np.frombuffer(data/0, '<f2')[:4]).
        float[] first = dict.get("0.weight").data();
        assertArrayEquals(new float[] {-0.1405029296875f, -0.06121826171875f, 0.091552734375f, -0.05450439453125f},
                new float[] {first[0], first[1], first[2], first[3]});
        float[] last = dict.get("14.bias").data();
        assertEquals(0.0160980224609375f, last[30]);
        assertEquals(-0.033477783203125f, last[31]);
    }

    @Test
    void refusesFilesThatAreNotTorchZips(@TempDir Path dir) throws IOException {
        Path text = Files.writeString(dir.resolve("fake.pth"), "not a zip");
        WeightsException e = assertThrows(WeightsException.class, () -> TorchZipReader.read(text));
        assertTrue(e.getMessage().contains("fake.pth"), e.getMessage());
    }

    @Test
    void widensHalfPrecisionSpecialValues() {
        assertEquals(65504f, ElementType.halfToFloat((short) 0x7bff));
        assertEquals(0x1p-24f, ElementType.halfToFloat((short) 0x0001));       // smallest subnormal
        assertEquals(-2f, ElementType.halfToFloat((short) 0xc000));
        assertEquals(Float.POSITIVE_INFINITY, ElementType.halfToFloat((short) 0x7c00));
        assertTrue(Float.isNaN(ElementType.halfToFloat((short) 0x7e00)));
        assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(ElementType.halfToFloat((short) 0x8000)));
    }
}
