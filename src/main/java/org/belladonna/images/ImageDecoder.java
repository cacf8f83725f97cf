package org.belladonna.images;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
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
        String format = ImageFormat.sniff(bytes)
                .orElseThrow(() -> new BadImageException("not a PNG, JPEG or WebP image"));
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
                return new DecodedImage(toRgb(image), format);
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
