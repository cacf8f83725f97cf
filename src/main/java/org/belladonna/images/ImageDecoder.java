package org.belladonna.images;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Decodes untrusted PNG, JPEG and WebP bytes. The header is read first so that a file declaring
 * 50000x50000 pixels is refused before any pixel memory is allocated. A decoder warning is an error: the
 * JDK's JPEG reader only warns about a truncated file ("Premature end of JPEG file") and fills the missing
 * rows with grey, which would otherwise be stored and protected as a damaged picture.
 *
 * <p>Two ways to get pixels. {@link #decode} is what the studio shows and protects: Java's colour
 * management applies, so a JPEG's embedded ICC profile (e.g. Adobe RGB) is converted to sRGB.
 * {@link #decodeRawSamples} is for aesthetic scorers: the file's own RGB samples with no colour
 * management, which is what PIL's {@code Image.open(f).convert("RGB")} hands to Keras and PyTorch
 * models (PIL never applies ICC profiles unless asked through ImageCms).
 */
public final class ImageDecoder {
    /** Default ceiling: 64 megapixels (e.g. 8000x8000). */
    public static final long DEFAULT_MAX_PIXELS = 64L * 1024 * 1024;
    public static final int MIN_SIDE = 8;
    /** Largest image file read at all (a 64-megapixel PNG fits); bigger files are refused before reading. */
    public static final long MAX_FILE_BYTES = 256L << 20;

    private final long maxPixels;
    private final int minSide;

    public ImageDecoder() {
        this(DEFAULT_MAX_PIXELS, MIN_SIDE);
    }

    public ImageDecoder(long maxPixels, int minSide) {
        this.maxPixels = maxPixels;
        this.minSide = minSide;
    }

    public DecodedImage decode(Path file) throws BadImageException, IOException {
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new BadImageException("the file is " + (size >> 20) + " MiB; images up to " + (MAX_FILE_BYTES >> 20)
                    + " MiB are accepted");
        }
        return decode(Files.readAllBytes(file));
    }

    public DecodedImage decode(byte[] bytes) throws BadImageException {
        return decode(bytes, false);
    }

    public DecodedImage decodeRawSamples(Path file) throws BadImageException, IOException {
        return decodeRawSamples(Files.readAllBytes(file));
    }

    /**
     * The samples as stored, as 8-bit RGB without colour management: embedded ICC profiles (JPEG APP2,
     * PNG iCCP) are ignored, a JPEG's YCbCr becomes RGB by libjpeg's own conversion (the one PIL's
     * libjpeg applies), a palette is looked up, grey is replicated to R=G=B, alpha is dropped without
     * compositing and 16-bit samples keep their high byte, as PIL's {@code convert("RGB")} does.
     */
    public DecodedImage decodeRawSamples(byte[] bytes) throws BadImageException {
        return decode(bytes, true);
    }

    private DecodedImage decode(byte[] bytes, boolean rawSamples) throws BadImageException {
        String format = ImageFormat.sniff(bytes)
                .orElseThrow(() -> new BadImageException("not a PNG, JPEG or WebP image"));
        if (rawSamples && ImageFormat.JPEG.equals(format)) {
            bytes = withoutIccProfile(bytes);
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new BadImageException("no decoder for " + format + " is installed");
            }
            ImageReader reader = readers.next();
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                checkSize(width, height);
                BufferedImage image = reader.read(0);
                if (!warnings.isEmpty()) {
                    throw new BadImageException("the " + format + " file is damaged or truncated (" + warnings.get(0) + ")");
                }
                return new DecodedImage(rawSamples ? samplesToRgb(image.getColorModel(), image.getRaster()) : toRgb(image),
                        format);
            } finally {
                reader.dispose();
            }
        } catch (BadImageException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Truncated or malformed streams surface as IOExceptions or decoder runtime errors.
            throw new BadImageException("the " + format + " file is damaged or truncated", e);
        }
    }

    private void checkSize(int width, int height) throws BadImageException {
        if (width < minSide || height < minSide) {
            throw new BadImageException("image is " + width + "x" + height + " px; at least "
                    + minSide + "x" + minSide + " is needed");
        }
        if ((long) width * height > maxPixels) {
            throw new BadImageException("image is " + width + "x" + height + " px, over the limit of "
                    + (maxPixels / 1_000_000) + " megapixels");
        }
    }

    /**
     * The JPEG with its embedded ICC profile removed: every APP2 segment whose payload starts with
     * "ICC_PROFILE\0" (a profile may span several) before the first scan. APP segments carry no image
     * data, so libjpeg decodes the same samples; without a profile Java's JPEG reader has nothing to
     * convert from and stores libjpeg's YCbCr-to-RGB output as it is. Anything unexpected (a marker
     * without a length, a length past the end) is left in place for the decoder to report.
     */
    static byte[] withoutIccProfile(byte[] jpeg) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length);
        out.write(jpeg, 0, 2); // SOI
        int i = 2;
        while (i + 4 <= jpeg.length && (jpeg[i] & 0xFF) == 0xFF) {
            int marker = jpeg[i + 1] & 0xFF;
            if (marker == 0xFF) { // fill byte
                out.write(0xFF);
                i++;
                continue;
            }
            if (marker == 0xDA || marker == 0xD9 || (marker >= 0xD0 && marker <= 0xD8) || marker == 0x01) {
                break; // start of scan (or a marker without a length): the rest is copied as it is
            }
            int length = (jpeg[i + 2] & 0xFF) << 8 | (jpeg[i + 3] & 0xFF);
            if (length < 2 || i + 2 + length > jpeg.length) {
                break;
            }
            if (!(marker == 0xE2 && startsWith(jpeg, i + 4, ICC_SIGNATURE))) {
                out.write(jpeg, i, 2 + length);
            }
            i += 2 + length;
        }
        out.write(jpeg, i, jpeg.length - i);
        return out.toByteArray();
    }

    private static final byte[] ICC_SIGNATURE = "ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII);

    private static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
        if (offset + prefix.length > bytes.length) {
            return false;
        }
        for (int k = 0; k < prefix.length; k++) {
            if (bytes[offset + k] != prefix[k]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Copies samples into 0xRRGGBB without colour conversion: palette entries looked up, one colour
     * component replicated to grey, three taken as R, G, B; alpha dropped; 16-bit samples keep the high
     * byte and 1/2/4-bit ones are stretched to 0..255 (x255, x85, x17), as PIL unpacks them.
     */
    static BufferedImage samplesToRgb(ColorModel model, Raster raster) {
        int width = raster.getWidth();
        int height = raster.getHeight();
        int[] rgb = new int[width * height];
        if (model instanceof IndexColorModel palette) {
            int[] index = raster.getSamples(raster.getMinX(), raster.getMinY(), width, height, 0, (int[]) null);
            for (int i = 0; i < rgb.length; i++) {
                rgb[i] = palette.getRGB(index[i]) & 0xFFFFFF;
            }
        } else {
            int colours = model.getNumColorComponents();
            if (colours != 1 && colours != 3) {
                throw new IllegalArgumentException("cannot take RGB samples from " + colours + " colour components");
            }
            int[][] bands = new int[colours][];
            for (int b = 0; b < colours; b++) {
                int[] samples = raster.getSamples(raster.getMinX(), raster.getMinY(), width, height, b, (int[]) null);
                int bits = raster.getSampleModel().getSampleSize(b);
                for (int i = 0; i < samples.length; i++) {
                    samples[i] = to8Bits(samples[i], bits);
                }
                bands[b] = samples;
            }
            for (int i = 0; i < rgb.length; i++) {
                rgb[i] = colours == 1 ? bands[0][i] * 0x010101 : bands[0][i] << 16 | bands[1][i] << 8 | bands[2][i];
            }
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, width, height, rgb, 0, width);
        return image;
    }

    private static int to8Bits(int sample, int bits) {
        if (bits == 8) {
            return sample;
        }
        if (bits > 8) {
            return sample >>> (bits - 8);
        }
        return sample * 255 / ((1 << bits) - 1);
    }

    /** Flattens to 8-bit sRGB (alpha composited over white) so every consumer sees one layout. */
    public static BufferedImage toRgb(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }

    /** A decoded image: always TYPE_INT_RGB. */
    public record DecodedImage(BufferedImage image, String format) {
        public int width() {
            return image.getWidth();
        }

        public int height() {
            return image.getHeight();
        }
    }
}
