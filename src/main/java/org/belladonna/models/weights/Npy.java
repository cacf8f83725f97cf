package org.belladonna.models.weights;

import ai.djl.ndarray.types.Shape;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** NumPy {@code .npy} files (version 1/2) of little-endian float32 in C order: what numpy.save writes for float32. */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order':\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    public static WeightTensor read(Path file) throws IOException {
        ByteBuffer all = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (all.capacity() < 10 || !Arrays.equals(Arrays.copyOf(all.array(), 6), MAGIC)) {
            throw new WeightsException(file + " is not a .npy file");
        }
        int major = all.get(6);
        int headerLength = major == 1 ? all.getShort(8) & 0xffff : all.getInt(8);
        int headerStart = major == 1 ? 10 : 12;
        String header = new String(all.array(), headerStart, headerLength, StandardCharsets.US_ASCII);
        String descr = group(DESCR, header, file);
        if (!descr.equals("<f4") || !group(FORTRAN, header, file).equals("False")) {
            throw new WeightsException(file + " holds " + descr + " (fortran order " + group(FORTRAN, header, file)
                    + "); only C-order little-endian float32 is supported");
        }
        long[] shape = Arrays.stream(group(SHAPE, header, file).split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).mapToLong(Long::parseLong).toArray();
        int count = Math.toIntExact(new Shape(shape).size());
        int dataStart = headerStart + headerLength;
        if (all.capacity() - dataStart < 4L * count) {
            throw new WeightsException(file + " is truncated");
        }
        float[] data = new float[count];
        all.position(dataStart);
        all.slice().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
        return new WeightTensor(file.getFileName().toString(), new Shape(shape), data);
    }

    public static void write(OutputStream out, Shape shape, float[] data) throws IOException {
        if (shape.size() != data.length) {
            throw new IllegalArgumentException("shape " + shape + " does not hold " + data.length + " values");
        }
        StringBuilder dims = new StringBuilder();
        for (long d : shape.getShape()) {
            dims.append(d).append(", ");
        }
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims.toString().replaceAll(", $", shape.dimension() == 1 ? "," : "") + "), }";
        // Header (magic, version, length, dict, padding, newline) is a multiple of 64 bytes.
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        ByteBuffer head = ByteBuffer.allocate(10 + header.length()).order(ByteOrder.LITTLE_ENDIAN);
        head.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length())
                .put(header.getBytes(StandardCharsets.US_ASCII));
        out.write(head.array());
        ByteBuffer body = ByteBuffer.allocate(4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        body.asFloatBuffer().put(data);
        out.write(body.array());
    }

    private static String group(Pattern pattern, String header, Path file) throws WeightsException {
        Matcher m = pattern.matcher(header);
        if (!m.find()) {
            throw new WeightsException(file + ": .npy header lacks " + pattern.pattern());
        }
        return m.group(1);
    }
}
