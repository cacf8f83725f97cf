package org.belladonna.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Writes ZIP bytes by hand, for archives java.util.zip will not make: symlink modes, sizes that lie, a
 * declared 10 GB entry (ZIP64 extra field). Format per PKWARE APPNOTE 4.3.7 (local header), 4.3.12
 * (central directory), 4.3.16 (end record), 4.5.3 (ZIP64 extended information).
 */
public final class RawZip {
    public static final int STORED = 0;
    public static final int DEFLATED = 8;

    /**
     * @param data         the bytes as they sit in the archive (already deflated for DEFLATED)
     * @param declaredSize the uncompressed size the headers claim
     * @param crc          CRC-32 the headers claim
     * @param unixMode     st_mode in the external attributes (0 for none)
     */
    public record Entry(String name, byte[] data, int method, long declaredSize, long crc, int unixMode) {
        public static Entry file(String name, byte[] content) {
            return new Entry(name, content, STORED, content.length, RawZip.crc(content), 0100644);
        }

        public static Entry symlink(String name, String target) {
            byte[] t = target.getBytes(StandardCharsets.UTF_8);
            return new Entry(name, t, STORED, t.length, RawZip.crc(t), 0120777);
        }
    }

    private RawZip() {
    }

    public static long crc(byte[] b) {
        CRC32 c = new CRC32();
        c.update(b);
        return c.getValue();
    }

    public static byte[] write(List<Entry> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream cen = new ByteArrayOutputStream();
        for (Entry e : entries) {
            long offset = out.size();
            byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
            boolean zip64 = e.declaredSize() >= 0xFFFFFFFFL;
            byte[] extra = zip64 ? le(2 + 2 + 16, b -> b.putShort((short) 1).putShort((short) 16)
                    .putLong(e.declaredSize()).putLong(e.data().length)) : new byte[0];
            int sizeField = zip64 ? -1 : (int) e.declaredSize();
            int csizeField = zip64 ? -1 : e.data().length;
            out.writeBytes(le(30, b -> b.putInt(0x04034b50).putShort((short) (zip64 ? 45 : 20)).putShort((short) 0x0800)
                    .putShort((short) e.method()).putShort((short) 0).putShort((short) 0x21)
                    .putInt((int) e.crc()).putInt(csizeField).putInt(sizeField)
                    .putShort((short) name.length).putShort((short) extra.length)));
            out.writeBytes(name);
            out.writeBytes(extra);
            out.writeBytes(e.data());
            cen.writeBytes(le(46, b -> b.putInt(0x02014b50).putShort((short) ((3 << 8) | 45)).putShort((short) (zip64 ? 45 : 20))
                    .putShort((short) 0x0800).putShort((short) e.method()).putShort((short) 0).putShort((short) 0x21)
                    .putInt((int) e.crc()).putInt(csizeField).putInt(sizeField)
                    .putShort((short) name.length).putShort((short) extra.length).putShort((short) 0)
                    .putShort((short) 0).putShort((short) 0).putInt(e.unixMode() << 16).putInt((int) offset)));
            cen.writeBytes(name);
            cen.writeBytes(extra);
        }
        int cenOffset = out.size();
        byte[] dir = cen.toByteArray();
        out.writeBytes(dir);
        out.writeBytes(le(22, b -> b.putInt(0x06054b50).putShort((short) 0).putShort((short) 0)
                .putShort((short) entries.size()).putShort((short) entries.size()).putInt(dir.length).putInt(cenOffset)
                .putShort((short) 0)));
        return out.toByteArray();
    }

    private static byte[] le(int size, java.util.function.Consumer<ByteBuffer> fill) {
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        fill.accept(b);
        return b.array();
    }
}
