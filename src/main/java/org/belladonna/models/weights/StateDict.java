package org.belladonna.models.weights;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The tensors of a weights file by name, in the order the file lists them. */
public final class StateDict {
    private final Map<String, WeightTensor> tensors = new LinkedHashMap<>();

    /** Reads a {@code .safetensors} file or a {@code torch.save} zip, by file name. */
    public static StateDict read(Path file) throws IOException {
        String name = file.getFileName().toString();
        return name.endsWith(".safetensors") ? SafetensorsReader.read(file) : TorchZipReader.read(file);
    }

    void put(WeightTensor tensor) {
        if (tensors.putIfAbsent(tensor.name(), tensor) != null) {
            throw new IllegalArgumentException("duplicate tensor name " + tensor.name());
        }
    }

    public WeightTensor get(String name) {
        return tensors.get(name);
    }

    public Set<String> names() {
        return Collections.unmodifiableSet(tensors.keySet());
    }

    public int size() {
        return tensors.size();
    }

    public long parameterCount() {
        return tensors.values().stream().mapToLong(t -> t.data().length).sum();
    }
}
