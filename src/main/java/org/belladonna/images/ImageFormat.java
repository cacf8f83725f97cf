package org.belladonna.images;

import java.util.Optional;

/** Recognises the formats we accept by their magic bytes, never by file name or declared type. */
public final class ImageFormat {
    public static final String PNG = "png";
    public static final String JPEG = "jpeg";
    public static final String WEBP = "webp";

    private ImageFormat() {
    }

    public static Optional<String> sniff(byte[] b) {
        if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return Optional.of(PNG);
        }
        if (b.length >= 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF) {
            return Optional.of(JPEG);
        }
        if (b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F'
                && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
            return Optional.of(WEBP);
        }
        return Optional.empty();
    }

    public static String mediaType(String format) {
        return switch (format) {
            case PNG -> "image/png";
            case JPEG -> "image/jpeg";
            case WEBP -> "image/webp";
            default -> "application/octet-stream";
        };
    }

    public static String extension(String format) {
        return JPEG.equals(format) ? "jpg" : format;
    }
}
