package org.belladonna.models.weights;

import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SafetensorsReaderTest {
    @TempDir
    Path dir;

    /** Writes a file as the safetensors spec lays it out: u64 header size, JSON header, data. */
    private Path write(String header, byte[] data) throws IOException {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer file = ByteBuffer.allocate(8 + json.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        file.putLong(json.length).put(json).put(data);
        return Files.write(dir.resolve("tiny.safetensors"), file.array());
    }

    @Test
    void readsFloat32Float16AndBfloat16() throws IOException {
        ByteBuffer data = ByteBuffer.allocate(6 * 4 + 2 * 2 + 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : new float[] {1, -2, 3.5f, 0, 1e-3f, 7}) {
            data.putFloat(v);
        }
        data.putShort((short) 0x3c00).putShort((short) 0xc100);   // float16 1.0, -2.5
        data.putShort((short) 0x4049);                            // bfloat16 3.140625
        Path file = write("{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"w\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]},"
                + "\"h\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[24,28]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[1],\"data_offsets\":[28,30]}}", data.array());

        StateDict dict = StateDict.read(file);
        assertEquals(List.of("w", "h", "b"), List.copyOf(dict.names()));
        assertEquals(new Shape(2, 3), dict.get("w").shape());
        assertArrayEquals(new float[] {1, -2, 3.5f, 0, 1e-3f, 7}, dict.get("w").data());
        assertArrayEquals(new float[] {1f, -2.5f}, dict.get("h").data());
        assertArrayEquals(new float[] {3.140625f}, dict.get("b").data());
    }

    @Test
    void refusesOffsetsThatDoNotMatchTheShape() throws IOException {
        Path file = write("{\"w\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,20]}}", new byte[24]);
        WeightsException e = assertThrows(WeightsException.class, () -> SafetensorsReader.read(file));
        assertTrue(e.getMessage().contains("tensor w"), e.getMessage());
    }

    @Test
    void refusesUnsupportedTypes() throws IOException {
        Path file = write("{\"i\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}", new byte[8]);
        WeightsException e = assertThrows(WeightsException.class, () -> SafetensorsReader.read(file));
        assertTrue(e.getMessage().contains("I64"), e.getMessage());
    }
}
