package org.belladonna.web;

import org.belladonna.images.ImageDecoder;
import org.belladonna.scores.ScoreCsv;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The addresses that take multipart uploads, and how much each takes. {@link BodyLimits} holds a declared
 * Content-Length to {@link #maxBytes} before the body is read; {@link MultipartForm} holds a body without
 * one (chunked) to the same while reading, and counts parts. Every other address takes small forms only.
 *
 * @param maxBytes     the whole request body
 * @param maxFileBytes one file part
 * @param maxParts     parts of the form, text fields included
 * @param inMemory     whether the handler holds the files in memory (protect, concepts) or streams them to
 *                     their destination (the import's ZIP to disk, the score CSV into its parser)
 */
enum UploadRoute {
    /** A ZIP of generated images, streamed to data/incoming. */
    IMPORT("/experiments/import", WebServer.MAX_UPLOAD_MB << 20, WebServer.MAX_UPLOAD_MB << 20, 16, false),
    /** Artworks to protect: decoded from memory, so one request holds at most one largest image. */
    PROTECT("/protect", ImageDecoder.MAX_FILE_BYTES, ImageDecoder.MAX_FILE_BYTES, 200, true),
    /** One artwork to protect through the JSON API: the same limits per image as the protect form. */
    API_PROTECT("/api/protections", ImageDecoder.MAX_FILE_BYTES, ImageDecoder.MAX_FILE_BYTES, 32, true),
    /** Anchor images of a new concept. */
    CONCEPTS("/concepts", ImageDecoder.MAX_FILE_BYTES, ImageDecoder.MAX_FILE_BYTES, 64, true),
    /** A score CSV, parsed as it arrives. */
    SCORES("/experiments/\\d{1,18}/scores/import", ScoreCsv.MAX_FILE_BYTES + (64 << 10), ScoreCsv.MAX_FILE_BYTES, 8, false);

    /** Bodies of every other unsafe request: small urlencoded forms. */
    static final long FORM_BYTES = 1 << 20;
    /** One text field of a multipart form. */
    static final int MAX_FIELD_BYTES = 64 << 10;

    private final Pattern path;
    final long maxBytes;
    final long maxFileBytes;
    final int maxParts;
    final boolean inMemory;

    UploadRoute(String path, long maxBytes, long maxFileBytes, int maxParts, boolean inMemory) {
        this.path = Pattern.compile(path);
        this.maxBytes = maxBytes;
        this.maxFileBytes = maxFileBytes;
        this.maxParts = maxParts;
        this.inMemory = inMemory;
    }

    static Optional<UploadRoute> of(String path) {
        for (UploadRoute r : values()) {
            if (r.path.matcher(path).matches()) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    static String mib(long bytes) {
        return bytes % (1 << 20) == 0 ? (bytes >> 20) + " MiB" : String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
