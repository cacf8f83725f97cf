package org.belladonna.models.weights;

import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads a {@code .safetensors} file: an 8-byte little-endian header length, a JSON header mapping
 * each name to dtype, shape and [begin, end) byte offsets, then the raw little-endian data.
 */
public final class SafetensorsReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SafetensorsReader() {
    }

    public static StateDict read(Path file) throws IOException {
        ByteBuffer all = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (all.remaining() < 8) {
            throw new WeightsException(file + " is too short to be a safetensors file");
        }
        long headerLength = all.getLong(0);
        if (headerLength <= 0 || headerLength > all.capacity() - 8) {
            throw new WeightsException(file + ": safetensors header length " + headerLength + " is out of range");
        }
        JsonNode header;
        try {
            header = JSON.readTree(new String(all.array(), 8, (int) headerLength, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new WeightsException(file + ": safetensors header is not JSON: " + e.getMessage(), e);
        }
        int dataStart = 8 + (int) headerLength;
        StateDict dict = new StateDict();
        // Jackson keeps the header's key order; safetensors writers sort names, so this is the file's order.
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getKey().equals("__metadata__")) {
                continue;
            }
            dict.put(tensor(file, entry.getKey(), entry.getValue(), all, dataStart));
        }
        return dict;
    }

    private static WeightTensor tensor(Path file, String name, JsonNode info, ByteBuffer all, int dataStart)
            throws WeightsException {
        ElementType type = switch (info.path("dtype").asText()) {
            case "F32" -> ElementType.FLOAT32;
            case "F16" -> ElementType.FLOAT16;
            case "BF16" -> ElementType.BFLOAT16;
            default -> throw new WeightsException(file + ": tensor " + name + " has unsupported dtype "
                    + info.path("dtype").asText());
        };
        long[] shape = new long[info.path("shape").size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = info.path("shape").get(i).asLong();
        }
        long begin = info.path("data_offsets").path(0).asLong(-1);
        long end = info.path("data_offsets").path(1).asLong(-1);
        long elements = new Shape(shape).size();
        if (begin < 0 || end - begin != elements * type.bytes || dataStart + end > all.capacity()) {
            throw new WeightsException(file + ": tensor " + name + " has bad data_offsets [" + begin + ", " + end + "]");
        }
        ByteBuffer view = all.duplicate().position(dataStart + (int) begin).slice().order(ByteOrder.LITTLE_ENDIAN);
        return new WeightTensor(name, new Shape(shape), type.toFloats(view, (int) elements));
    }
}
