package org.belladonna.store;

import org.belladonna.images.BadImageException;
import org.belladonna.images.ImageDecoder;
import org.belladonna.images.Upload;
import org.belladonna.store.ImageFiles;
import org.belladonna.store.ImageStore;
import org.belladonna.store.Store;
import org.jdbi.v3.core.Handle;

import java.util.ArrayList;
import java.util.List;

/**
 * The one way image bytes enter the store: decoded first (so only real, sane images are kept), then
 * written under their hash. The row in {@code image_file} is written by {@link #register} inside the
 * caller's transaction, together with whatever refers to it.
 */
public final class ImageIntake {
    private final Store store;
    private final ImageDecoder decoder;

    public ImageIntake(Store store, ImageDecoder decoder) {
        this.store = store;
        this.decoder = decoder;
    }

    public ImageIntake(Store store) {
        this(store, new ImageDecoder());
    }

    public record StoredImage(String hash, String format, int width, int height, long byteSize) {
    }

    public StoredImage accept(byte[] bytes) throws BadImageException {
        ImageDecoder.DecodedImage decoded = decoder.decode(bytes);
        String hash = store.files().put(bytes);
        return new StoredImage(hash, decoded.format(), decoded.width(), decoded.height(), bytes.length);
    }

    /**
     * Several uploads at once: every one is decoded before any is written, so one bad file refuses the
     * lot and leaves nothing behind. The message names the file.
     */
    public List<StoredImage> acceptAll(List<Upload> uploads) throws BadImageException {
        List<StoredImage> checked = new ArrayList<>();
        for (Upload upload : uploads) {
            try {
                ImageDecoder.DecodedImage d = decoder.decode(upload.bytes());
                // Keep only what the row needs: a batch's pixels held at once could exhaust memory.
                checked.add(new StoredImage(ImageStore.sha256(upload.bytes()), d.format(), d.width(), d.height(),
                        upload.bytes().length));
            } catch (BadImageException e) {
                throw new BadImageException(upload.name() + ": " + e.getMessage(), e);
            }
        }
        for (Upload upload : uploads) {
            store.files().put(upload.bytes());
        }
        return checked;
    }

    public static void register(Handle h, StoredImage image) {
        ImageFiles.register(h, image.hash(), image.format(), image.width(), image.height(), image.byteSize());
    }

    public ImageDecoder decoder() {
        return decoder;
    }
}
