package org.belladonna.store;

import org.belladonna.store.Records.ImageFile;
import org.jdbi.v3.core.Handle;

import java.util.Optional;

/** Table {@code image_file}: one row per distinct stored file. */
public final class ImageFiles {
    private ImageFiles() {
    }

    /** Records a stored file; a file already known is left as it is. */
    public static void register(Handle h, String hash, String format, int width, int height, long byteSize) {
        h.createUpdate("""
                        INSERT INTO image_file (hash, format, width, height, byte_size)
                        VALUES (:hash, :format, :width, :height, :size) ON CONFLICT (hash) DO NOTHING""")
                .bind("hash", hash).bind("format", format).bind("width", width).bind("height", height)
                .bind("size", byteSize).execute();
    }

    public static Optional<ImageFile> find(Handle h, String hash) {
        return h.createQuery("SELECT * FROM image_file WHERE hash = ?").bind(0, hash).mapTo(ImageFile.class).findOne();
    }
}
