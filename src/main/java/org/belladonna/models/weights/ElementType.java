package org.belladonna.models.weights;

import java.nio.ByteBuffer;

/** Element types found in weights files, and how each widens to float32. */
enum ElementType {
    FLOAT32(4), FLOAT16(2), BFLOAT16(2);

    final int bytes;

    ElementType(int bytes) {
        this.bytes = bytes;
    }

    /** Reads {@code count} little-endian elements from {@code in} (positioned, little-endian). */
    float[] toFloats(ByteBuffer in, int count) {
        float[] out = new float[count];
        switch (this) {
            case FLOAT32 -> in.asFloatBuffer().get(out);
            case FLOAT16 -> {
                for (int i = 0; i < count; i++) {
                    out[i] = halfToFloat(in.getShort(in.position() + 2 * i));
                }
            }
            case BFLOAT16 -> {
                for (int i = 0; i < count; i++) {
                    out[i] = Float.intBitsToFloat((in.getShort(in.position() + 2 * i) & 0xffff) << 16);
                }
            }
        }
        return out;
    }

    /** IEEE 754 binary16 to binary32 (Java 17 has no Float.float16ToFloat). */
    static float halfToFloat(short h) {
        int sign = (h & 0x8000) << 16;
        int exponent = (h >>> 10) & 0x1f;
        int mantissa = h & 0x3ff;
        if (exponent == 0x1f) {                       // inf / NaN
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            if (mantissa == 0) {
                return Float.intBitsToFloat(sign);    // signed zero
            }
            float value = mantissa * 0x1p-24f;        // subnormal: exact in float32
            return sign == 0 ? value : -value;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }
}
