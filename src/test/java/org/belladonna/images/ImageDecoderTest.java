package org.belladonna.images;

import org.belladonna.testing.TestImages;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageDecoderTest {
    private final ImageDecoder decoder = new ImageDecoder();

    @Test
    void decodesPngAndJpegToRgb() throws Exception {
        var png = decoder.decode(TestImages.png(40, 30, 1));
        assertEquals("png", png.format());
        assertEquals(40, png.width());
        assertEquals(java.awt.image.BufferedImage.TYPE_INT_RGB, png.image().getType());
        assertEquals("jpeg", decoder.decode(TestImages.jpeg(40, 30, 1)).format());
    }

    @Test
    void refusesWhatIsNotAnImage() {
        var e = assertThrows(BadImageException.class, () -> decoder.decode("GIF89a or just text".getBytes()));
        assertTrue(e.getMessage().contains("not a PNG, JPEG or WebP"));
    }

    @Test
    void refusesTruncatedFiles() {
        byte[] png = TestImages.png(64, 64, 3);
        byte[] cut = Arrays.copyOf(png, png.length / 2);
        var e = assertThrows(BadImageException.class, () -> decoder.decode(cut));
        assertTrue(e.getMessage().contains("damaged or truncated"), e.getMessage());
    }

    /** The JDK's own reader returns a grey-filled picture for this (only a warning): ours refuses it. */
    @Test
    void refusesATruncatedJpegThatTheJdkOnlyWarnsAbout() throws Exception {
        byte[] jpeg = TestImages.jpeg(320, 240, 5);
        byte[] cut = Arrays.copyOf(jpeg, jpeg.length * 2 / 3);
        assertTrue(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(cut)) != null, "ImageIO.read accepts it");
        var e = assertThrows(BadImageException.class, () -> decoder.decode(cut));
        assertTrue(e.getMessage().contains("damaged or truncated") && e.getMessage().contains("("), e.getMessage());
    }

    @Test
    void refusesTinyImages() {
        var e = assertThrows(BadImageException.class, () -> decoder.decode(TestImages.png(1, 1, 4)));
        assertTrue(e.getMessage().contains("1x1"), e.getMessage());
    }

    @Test
    void refusesAHeaderDeclaringHugeDimensionsBeforeDecoding() {
        var e = assertThrows(BadImageException.class, () -> decoder.decode(pngHeaderOnly(50_000, 50_000)));
        assertTrue(e.getMessage().contains("50000x50000"), e.getMessage());
    }

    /** A PNG signature and IHDR chunk (valid CRC) claiming the given size, with no pixel data. */
    static byte[] pngHeaderOnly(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(17).put("IHDR".getBytes()).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        out.writeBytes(ByteBuffer.allocate(4).putInt(13).array());
        out.writeBytes(ihdr.array());
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        return out.toByteArray();
    }
}
