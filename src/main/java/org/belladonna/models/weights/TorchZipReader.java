package org.belladonna.models.weights;

import ai.djl.ndarray.types.Shape;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.Unpickler;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads a state dict saved by {@code torch.save} (zip format): {@code <top>/data.pkl} describes the
 * tensors, {@code <top>/data/<key>} holds each storage's raw little-endian bytes. Only the pickle
 * globals a plain state dict uses are understood; anything else fails instead of running code.
 */
public final class TorchZipReader {
    static {
        for (ElementType type : ElementType.values()) {
            Unpickler.registerConstructor("torch", storageClass(type), new StorageClass(type));
        }
        Unpickler.registerConstructor("torch._utils", "_rebuild_tensor_v2", TorchZipReader::rebuildTensor);
        Unpickler.registerConstructor("torch._utils", "_rebuild_parameter", args -> args[0]);
        Unpickler.registerConstructor("collections", "OrderedDict", args -> new PickledDict());
    }

    private TorchZipReader() {
    }

    public static StateDict read(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            String top = topFolder(zip, file);
            checkByteOrder(zip, top, file);
            Map<?, ?> pickled;
            try (InputStream in = zip.getInputStream(zip.getEntry(top + "data.pkl"))) {
                Object root = new StateDictUnpickler().load(in);
                if (!(root instanceof Map<?, ?> map)) {
                    throw new WeightsException(file + ": data.pkl holds " + typeName(root) + ", not a state dict");
                }
                pickled = map;
            } catch (PickleException e) {
                throw new WeightsException(file + ": cannot unpickle data.pkl: " + e.getMessage(), e);
            }
            StateDict dict = new StateDict();
            Map<String, ByteBuffer> storages = new HashMap<>();
            for (Map.Entry<?, ?> entry : pickled.entrySet()) {
                String name = String.valueOf(entry.getKey());
                if (!(entry.getValue() instanceof PendingTensor pending)) {
                    throw new WeightsException(file + ": entry " + name + " is " + typeName(entry.getValue())
                            + ", not a tensor (only flat state dicts are supported)");
                }
                ByteBuffer bytes = storages.get(pending.storage.key);
                if (bytes == null) {
                    bytes = readStorage(zip, top, pending.storage, file);
                    storages.put(pending.storage.key, bytes);
                }
                dict.put(pending.toTensor(name, bytes, file));
            }
            return dict;
        } catch (java.util.zip.ZipException e) {
            throw new WeightsException(file + " is not a torch.save zip archive: " + e.getMessage(), e);
        }
    }

    private static String storageClass(ElementType type) {
        return switch (type) {
            case FLOAT32 -> "FloatStorage";
            case FLOAT16 -> "HalfStorage";
            case BFLOAT16 -> "BFloat16Storage";
        };
    }

    /** The top folder is named after the file when saved (e.g. {@code taef2_encoder/}), not fixed. */
    private static String topFolder(ZipFile zip, Path file) throws WeightsException {
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            String name = entries.nextElement().getName();
            if (name.endsWith("data.pkl") && name.indexOf('/') == name.length() - "data.pkl".length() - 1) {
                return name.substring(0, name.length() - "data.pkl".length());
            }
        }
        throw new WeightsException(file + " is not a torch.save zip archive (no <name>/data.pkl)");
    }

    private static void checkByteOrder(ZipFile zip, String top, Path file) throws IOException {
        ZipEntry entry = zip.getEntry(top + "byteorder");
        if (entry != null) {
            try (InputStream in = zip.getInputStream(entry)) {
                String order = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
                if (!order.equals("little")) {
                    throw new WeightsException(file + ": byte order " + order + " is not supported");
                }
            }
        }
    }

    private static ByteBuffer readStorage(ZipFile zip, String top, StorageRef storage, Path file) throws IOException {
        ZipEntry entry = zip.getEntry(top + "data/" + storage.key);
        if (entry == null) {
            throw new WeightsException(file + ": storage data/" + storage.key + " is missing");
        }
        byte[] bytes;
        try (InputStream in = zip.getInputStream(entry)) {
            bytes = in.readAllBytes();
        }
        if (bytes.length < storage.elements * storage.type.bytes) {
            throw new WeightsException(file + ": storage data/" + storage.key + " is truncated");
        }
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static Object rebuildTensor(Object[] args) {
        // _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])
        if (!(args[0] instanceof StorageRef storage)) {
            throw new PickleException("tensor storage of unsupported type " + typeName(args[0]));
        }
        return new PendingTensor(storage, ((Number) args[1]).longValue(), longs(args[2]), longs(args[3]));
    }

    private static long[] longs(Object tuple) {
        Object[] values = (Object[]) tuple;
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = ((Number) values[i]).longValue();
        }
        return out;
    }

    private static String typeName(Object o) {
        return o == null ? "None" : o.getClass().getSimpleName();
    }

    /** A pickle global such as {@code torch.HalfStorage}: only ever named, never called. */
    private record StorageClass(ElementType type) implements IObjectConstructor {
        @Override
        public Object construct(Object[] args) {
            throw new PickleException("storage classes are not constructed directly");
        }
    }

    /** ('storage', storage type, key, location, element count) as written by torch's persistent_id. */
    private record StorageRef(ElementType type, String key, long elements) {
    }

    /** A tensor whose name is not known yet: the dict's SETITEMS comes after its value is built. */
    private record PendingTensor(StorageRef storage, long offset, long[] shape, long[] stride) {
        WeightTensor toTensor(String name, ByteBuffer bytes, Path file) throws WeightsException {
            long expected = 1;
            for (int d = shape.length - 1; d >= 0; d--) {
                if (shape[d] != 1 && stride[d] != expected) {
                    throw new WeightsException(file + ": tensor " + name + " is not contiguous (stride "
                            + java.util.Arrays.toString(stride) + ")");
                }
                expected *= shape[d];
            }
            if (offset + expected > storage.elements) {
                throw new WeightsException(file + ": tensor " + name + " runs past the end of its storage");
            }
            ByteBuffer view = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
            view.position(Math.toIntExact(offset * storage.type.bytes));
            return new WeightTensor(name, new Shape(shape), storage.type.toFloats(view.slice().order(ByteOrder.LITTLE_ENDIAN),
                    Math.toIntExact(expected)));
        }
    }

    /** collections.OrderedDict; BUILD hands it the instance's attributes (_metadata), which we ignore. */
    public static final class PickledDict extends LinkedHashMap<Object, Object> {
        public void __setstate__(HashMap<?, ?> state) {
            // _metadata holds per-module version numbers; a plain state dict does not need them.
        }
    }

    private static final class StateDictUnpickler extends Unpickler {
        @Override
        protected Object dispatch(short key) throws PickleException, IOException {
            if (key == Opcodes.SETITEMS) {
                // Pyrolite collects SETITEMS into a HashMap first, losing the file's order.
                List<Object> items = stack.pop_all_since_marker();
                @SuppressWarnings("unchecked")
                Map<Object, Object> dict = (Map<Object, Object>) stack.peek();
                for (int i = 0; i + 1 < items.size(); i += 2) {
                    dict.put(items.get(i), items.get(i + 1));
                }
                return NO_RETURN_VALUE;
            }
            return super.dispatch(key);
        }

        @Override
        protected Object persistentLoad(Object pid) {
            Object[] id = (Object[]) pid;
            if (id.length < 5 || !"storage".equals(id[0])) {
                throw new PickleException("unknown persistent id " + java.util.Arrays.toString(id));
            }
            if (!(id[1] instanceof StorageClass storageClass)) {
                throw new PickleException("unsupported storage type " + id[1]
                        + " (float32, float16 and bfloat16 are supported)");
            }
            return new StorageRef(storageClass.type, String.valueOf(id[2]), ((Number) id[4]).longValue());
        }
    }
}
