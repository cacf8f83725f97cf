package org.belladonna.nima;

import org.belladonna.images.ImageDecoder;
import org.belladonna.testing.Shared;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scorer input ignores embedded ICC profiles, as PIL does. The JPEG is made here: a photo-like image
 * encoded by ImageIO, then the same stream with an APP2 ICC_PROFILE segment inserted holding an
 * Adobe-RGB-(1998)-like profile built from the JDK's sRGB profile (Adobe's primaries, gamma 563/256).
 * The scan data is byte-identical, so the file's raw samples are what the profile-free stream decodes to.
 */
class ScorerInputTest {
    @Test
    void embeddedIccProfileIsIgnored() throws Exception {
        BufferedImage source = ImageIO.read(Shared.image("art/monet-charing-cross-bridge.jpg").toFile());
        byte[] plain = jpeg(source);
        byte[] tagged = withApp2(plain, adobeRgbLikeProfile());
        assertTrue(tagged.length > plain.length + 400);

        int[] rawSamples = pixels(ScorerInput.decode(plain));
        int[] managed = pixels(new ImageDecoder().decode(tagged).image());
        int[] scorer = pixels(ScorerInput.decode(tagged));

        int shift = maxChannelDifference(rawSamples, managed);
        System.out.println("Adobe-RGB-like profile: colour-managed decode moves a channel by up to " + shift + " levels");
        assertTrue(shift > 20, "the premise: ImageIO applies the embedded profile (max shift " + shift + ")");
        assertArrayEquals(rawSamples, scorer, "scorer input must be the stream's samples, profile ignored");
        // and those are libjpeg's own output: the ordinary decode of the profile-free stream
        assertArrayEquals(pixels(new ImageDecoder().decode(plain).image()), scorer);
    }

    @Test
    void paletteAndGreyAreExpandedAsPilDoes() throws Exception {
        BufferedImage grey = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(3, 4, 0, 100);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(grey, "png", png);
        assertEquals(0x646464, ScorerInput.decode(png.toByteArray()).getRGB(3, 4) & 0xFFFFFF);

        BufferedImage palette = ScorerInput.decode(java.nio.file.Files.readAllBytes(
                Shared.image("art/gris-glass-and-checkerboard-1917.posterized.png")));
        assertEquals(BufferedImage.TYPE_INT_RGB, palette.getType());
    }

    /**
     * Adobe RGB (1998)'s primaries adapted to D50 and its 2.2 gamma (563/256), written into a copy of the
     * JDK's sRGB profile: a valid RGB display profile that maps the same samples to other colours.
     */
    static byte[] adobeRgbLikeProfile() {
        ICC_Profile profile = ICC_Profile.getInstance(ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData());
        profile.setData(ICC_Profile.icSigRedColorantTag, xyz(0.60974, 0.31111, 0.01947));
        profile.setData(ICC_Profile.icSigGreenColorantTag, xyz(0.20528, 0.62567, 0.06087));
        profile.setData(ICC_Profile.icSigBlueColorantTag, xyz(0.14919, 0.06322, 0.74457));
        byte[] gamma = curve(563);
        profile.setData(ICC_Profile.icSigRedTRCTag, gamma);
        profile.setData(ICC_Profile.icSigGreenTRCTag, gamma);
        profile.setData(ICC_Profile.icSigBlueTRCTag, gamma);
        return profile.getData();
    }

    private static byte[] xyz(double x, double y, double z) {
        return ByteBuffer.allocate(20).put("XYZ ".getBytes(StandardCharsets.US_ASCII)).putInt(0)
                .putInt(s15Fixed16(x)).putInt(s15Fixed16(y)).putInt(s15Fixed16(z)).array();
    }

    private static int s15Fixed16(double v) {
        return (int) Math.round(v * 65536);
    }

    /** A 'curv' tag holding one u8Fixed8 gamma. */
    private static byte[] curve(int gammaTimes256) {
        return ByteBuffer.allocate(14).put("curv".getBytes(StandardCharsets.US_ASCII)).putInt(0).putInt(1)
                .putShort((short) gammaTimes256).array();
    }

    private static byte[] jpeg(BufferedImage image) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, "jpeg", out));
        return out.toByteArray();
    }

    /** Inserts one APP2 ICC_PROFILE segment (sequence 1 of 1) after SOI and the JFIF APP0 segment. */
    static byte[] withApp2(byte[] jpeg, byte[] profile) {
        assertEquals(0xFFD8, (jpeg[0] & 0xFF) << 8 | (jpeg[1] & 0xFF));
        assertEquals(0xFFE0, (jpeg[2] & 0xFF) << 8 | (jpeg[3] & 0xFF), "ImageIO writes JFIF APP0 first");
        int afterApp0 = 4 + ((jpeg[4] & 0xFF) << 8 | (jpeg[5] & 0xFF));
        byte[] signature = "ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII);
        int length = 2 + signature.length + 2 + profile.length;
        assertTrue(length <= 0xFFFF);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, afterApp0);
        out.write(0xFF);
        out.write(0xE2);
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.writeBytes(signature);
        out.write(1);
        out.write(1);
        out.writeBytes(profile);
        out.write(jpeg, afterApp0, jpeg.length - afterApp0);
        return out.toByteArray();
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    private static int maxChannelDifference(int[] a, int[] b) {
        int max = 0;
        for (int i = 0; i < a.length; i++) {
            for (int shift : List.of(0, 8, 16)) {
                max = Math.max(max, Math.abs(((a[i] >> shift) & 0xFF) - ((b[i] >> shift) & 0xFF)));
            }
        }
        return max;
    }
}
